import { readAuditEnvironment, type AnomalySettings, type AuditDatabaseConfig, type PseudonymKeyring } from '@cmb/audit-store';
import { readSubgraphConfig, type SubgraphConfig } from '@cmb/kit';
import { z } from 'zod';
import auditRules from './reference-data/audit-rules.json';
import organisations from './reference-data/organisations.json';

/** An organisation of the realm that is not in the INPE registry, with its name. */
export interface OrganisationEntry {
  code: string;
  kind: string;
  name: string;
}

/** Who may do what with the trail, by the caller's organisation kind. */
export interface OfficerRules {
  /** Kinds whose officers read the trail (the CNDP included, read-only). */
  orgKinds: readonly string[];
  /** Kinds whose officers review break-glass accesses. */
  reviewerOrgKinds: readonly string[];
}

/** Settings of the audit subgraph. */
export interface AuditSubgraphConfig extends SubgraphConfig {
  /** The audit store (the gateway's trail), read with the reader role. */
  store: AuditDatabaseConfig;
  /** Every pseudonymisation key version, current first: a search hashes with each. */
  keyring: PseudonymKeyring;
  pages: { defaultSize: number; maxSize: number };
  officers: OfficerRules;
  review: { commentMaxLength: number };
  /** Clients left out of a person's access history (their own portal). */
  accessHistory: { excludedClientIds: readonly string[] };
  anomalies: AnomalySettings & { maxWindowDays: number };
  /** Names of the organisations outside the INPE registry, and the version of their list. */
  organisations: { version: string; entries: readonly OrganisationEntry[] };
  /** Version of the rules, for support and audit. */
  rulesVersion: string;
}

const positive = z.coerce.number().positive();
const anomalyEnvironment = z.object({
  AUDIT_ANOMALY_VOLUME_FACTOR: positive.max(1000).optional(),
  AUDIT_ANOMALY_VOLUME_MINIMUM: z.coerce.number().int().min(1).max(1_000_000).optional(),
  AUDIT_ANOMALY_OFF_HOURS_MINIMUM: z.coerce.number().int().min(1).max(1_000_000).optional(),
  AUDIT_ANOMALY_REFUSED_BURST: z.coerce.number().int().min(2).max(1_000_000).optional(),
});

/** Reads the audit subgraph's configuration once: the common settings, the audit store and key ring, the versioned rules. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AuditSubgraphConfig {
  const base = readSubgraphConfig('audit', env, { port: 4106 });
  const store = readAuditEnvironment(env as NodeJS.ProcessEnv);
  const parsed = anomalyEnvironment.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `Invalid configuration for subgraph audit: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const overrides = parsed.data;
  const rules = auditRules.anomalies;
  return {
    ...base,
    store: { ...store.database, maxConnections: base.database.poolSize },
    keyring: store.keyring,
    pages: auditRules.pages,
    officers: auditRules.officers,
    review: auditRules.review,
    accessHistory: { excludedClientIds: auditRules.accessHistory.excludedClients },
    anomalies: {
      maxWindowDays: rules.maxWindowDays,
      excludeClientIds: rules.excludedClients,
      volume: {
        baselineDays: rules.volume.baselineDays,
        factor: overrides.AUDIT_ANOMALY_VOLUME_FACTOR ?? rules.volume.factor,
        minimum: overrides.AUDIT_ANOMALY_VOLUME_MINIMUM ?? rules.volume.minimum,
      },
      offHours: { ...rules.offHours, minimum: overrides.AUDIT_ANOMALY_OFF_HOURS_MINIMUM ?? rules.offHours.minimum },
      refusedBurst: { ...rules.refusedBurst, count: overrides.AUDIT_ANOMALY_REFUSED_BURST ?? rules.refusedBurst.count },
    },
    organisations: { version: organisations.version, entries: organisations.organisations },
    rulesVersion: auditRules.version,
  };
}
