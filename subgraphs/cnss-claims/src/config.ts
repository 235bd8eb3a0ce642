import { readSubgraphConfig, type SubgraphConfig } from '@cmb/kit';
import { z } from 'zod';
import rulesData from './reference-data/claim-rules.json';
import type { ClaimRules } from './rules/facts';

/** Settings of the CNSS claims subgraph. */
export interface CnssClaimsConfig extends SubgraphConfig {
  /** The OG whose files these are (`org` of its clients' tokens). */
  organism: string;
  rules: ClaimRules;
  /** The day a file is overdue from is taken in this time zone. */
  timeZone: string;
  maxPageSize: number;
}

const envSchema = z.object({
  CLAIM_FILING_DEADLINE_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
});

/** Reads the configuration once: the common settings, the deadlines of the reference data, the filing deadline's override. */
export function loadConfig(env: Record<string, string | undefined> = process.env): CnssClaimsConfig {
  const base = readSubgraphConfig('cnss-claims', env, { port: 4201 });
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration for subgraph cnss-claims: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return {
    ...base,
    organism: rulesData.organism.value,
    rules: {
      version: rulesData.version,
      reimbursementMonths: rulesData.reimbursementDeadline.months,
      filingDays: parsed.data.CLAIM_FILING_DEADLINE_DAYS ?? rulesData.filingDeadline.days,
    },
    timeZone: rulesData.timeZone.value,
    maxPageSize: rulesData.maxPageSize.value,
  };
}
