import {
  consentCapabilitySecretFrom,
  federationProofSecretFrom,
  readStatisticsRules,
  readSubgraphConfig,
  type StatisticsRules,
  type SubgraphConfig,
} from '@cmb/kit';
import { z } from 'zod';
import rules from './reference-data/eligibility-rules.json';
import type { EligibilityRuleConfig } from './rules/facts';
import type { CareRelationshipRecorderOptions } from './services/care-relationship-recorder';
import type { IndicatorCounterOptions } from './services/indicator-counter';

/** Settings of the beneficiaries subgraph. */
export interface BeneficiariesConfig extends SubgraphConfig {
  /** 32-byte key that seals decision ids, so an id is opaque and unforgeable. */
  decisionIdKey: Buffer;
  /** Keys the patient's consent capability (`CONSENT_CAPABILITY_SECRET`, shared with medical-records only). */
  consentCapabilitySecret: Buffer;
  /** Keys the proofs beneficiaries issues to care-pathways and medical-records (`FEDERATION_PROOF_SECRET`, national subgraphs only). */
  proofSecret: Buffer;
  rules: EligibilityRuleConfig;
  careDateWindow: { maxDaysBack: number; maxDaysAhead: number; timeZone: string };
  maxBatchRows: number;
  /** Largest page of ANAM's identity-conflict review queue. */
  reviewPageSize: number;
  regimesByOrganism: Record<string, string[]>;
  suspensionReasons: string[];
  rulesVersion: string;
  /** How care relationships noted by eligibility checks are buffered, written (off the hot path) and purged once expired. */
  careRelationships: CareRelationshipRecorderOptions;
  /** How the daily counts of decisions are buffered and written (`INDICATOR_FLUSH_MS`). */
  indicatorCounts: IndicatorCounterOptions;
  /** Who reads the indicators, and their small-cell threshold (`STATISTICS_MIN_CELL`). */
  statistics: StatisticsRules;
}

/** Development-only key; production refuses to start without its own. */
const DEV_DECISION_ID_KEY = 'ZGV2LW9ubHktZGVjaXNpb24taWQta2V5LTMyLWJ5dGU=';

const extra = z.object({
  DECISION_ID_KEY: z.string().optional(),
  CONSENT_CAPABILITY_SECRET: z.string().optional(),
  FEDERATION_PROOF_SECRET: z.string().optional(),
  CARE_RELATIONSHIP_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  CARE_RELATIONSHIP_PURGE_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(3_600_000),
  INDICATOR_FLUSH_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
});

/** Most (person, organisation) pairs buffered between two writes (a few MB); beyond, new pairs are dropped (and counted) until the next write. */
const CARE_RELATIONSHIP_MAX_PENDING = 100_000;

/** Reads the beneficiaries configuration once from the environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): BeneficiariesConfig {
  const base = readSubgraphConfig('beneficiaries', env, { port: 4101 });
  const {
    DECISION_ID_KEY,
    CONSENT_CAPABILITY_SECRET,
    FEDERATION_PROOF_SECRET,
    CARE_RELATIONSHIP_FLUSH_MS,
    CARE_RELATIONSHIP_PURGE_MS,
    INDICATOR_FLUSH_MS,
  } = extra.parse(env);
  if (base.production && (!DECISION_ID_KEY || DECISION_ID_KEY === DEV_DECISION_ID_KEY))
    throw new Error('DECISION_ID_KEY must be set in production, and not to the development key (32 random bytes, base64)');
  const decisionIdKey = Buffer.from(DECISION_ID_KEY ?? DEV_DECISION_ID_KEY, 'base64');
  if (decisionIdKey.length !== 32) throw new Error('DECISION_ID_KEY must decode to 32 bytes (base64)');
  return {
    ...base,
    decisionIdKey,
    consentCapabilitySecret: consentCapabilitySecretFrom(CONSENT_CAPABILITY_SECRET, base.production, base.name),
    proofSecret: federationProofSecretFrom(FEDERATION_PROOF_SECRET, base.production, base.name),
    rules: {
      rightsGracePeriodDays: rules.rightsGracePeriodDays.value,
      childAgeLimit: rules.dependants.childAgeLimit,
      studentAgeLimit: rules.dependants.studentAgeLimit,
      disabledAgeLimit: rules.dependants.disabledAgeLimit,
      suspensionBlocks: rules.suspensionBlocks.byReason as Record<string, string[]>,
    },
    careDateWindow: rules.careDateWindow,
    maxBatchRows: rules.batch.maxRows,
    reviewPageSize: rules.batch.maxReviewPageSize,
    regimesByOrganism: rules.regimesByOrganism,
    suspensionReasons: rules.suspensionReasons,
    rulesVersion: rules.version,
    careRelationships: {
      flushIntervalMs: CARE_RELATIONSHIP_FLUSH_MS,
      maxPending: CARE_RELATIONSHIP_MAX_PENDING,
      retentionDays: rules.careRelationship.retentionDays,
      purgeIntervalMs: CARE_RELATIONSHIP_PURGE_MS,
      timeZone: rules.careDateWindow.timeZone,
    },
    indicatorCounts: { flushIntervalMs: INDICATOR_FLUSH_MS },
    statistics: readStatisticsRules(env),
  };
}
