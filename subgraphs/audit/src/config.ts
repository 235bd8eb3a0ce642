import {
  AUDIT_READER_SETTINGS,
  readAuditSettings,
  type AnomalySettings,
  type AuditDatabaseConfig,
  type PseudonymKeyring,
} from '@cmb/audit-store';
import { readStatisticsRules, readSubgraphConfig, type StatisticsRules, type SubgraphConfig } from '@cmb/kit';
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
  /** Kinds whose officers read the whole trail; the others (the insurers) read their own members' and staff's events. */
  wholeTrailOrgKinds: readonly string[];
}

/** Settings of the audit subgraph. */
export interface AuditSubgraphConfig extends SubgraphConfig {
  /** The audit store (the gateway's trail), read with the reader role, each statement bounded (`AUDIT_SEARCH_TIMEOUT_MS`). */
  store: AuditDatabaseConfig;
  /** Every pseudonymisation key version, current first: a search hashes with each. */
  keyring: PseudonymKeyring;
  pages: { defaultSize: number; maxSize: number };
  officers: OfficerRules;
  review: { commentMaxLength: number };
  /** The longest period of a search on filters without an index (`narrowSearch`). */
  search: { unindexedFilterMaxDays: number };
  /** Clients left out of a person's access history (their own portal). */
  accessHistory: { excludedClientIds: readonly string[] };
  /** The anomaly reports: their settings, their longest window, how many one operation may ask (a report runs three aggregations). */
  anomalies: AnomalySettings & { maxWindowDays: number; maxPerOperation: number };
  /** Names of the organisations outside the INPE registry, and the version of their list. */
  organisations: { version: string; entries: readonly OrganisationEntry[] };
  /** Who reads the aggregated indicators, and their small-cell threshold (`STATISTICS_MIN_CELL`). */
  statistics: StatisticsRules;
  /** Version of the rules, for support and audit. */
  rulesVersion: string;
}

/** Reads the audit subgraph's configuration once: the common settings, the audit store and key ring, the versioned rules. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AuditSubgraphConfig {
  const base = readSubgraphConfig('audit', env, { port: 4106 });
  // The audit store's one parser of the AUDIT_* variables: the reading side's settings (required in production,
  // as for the `npm run audit` command), the overrides of the anomaly thresholds and the bound of a statement.
  const audit = readAuditSettings(env, [...AUDIT_READER_SETTINGS, 'anomalyThresholds', 'searchTimeoutMs'], {
    configuration: 'configuration for subgraph audit',
  });
  const overrides = audit.anomalyThresholds;
  const rules = auditRules.anomalies;
  return {
    ...base,
    // Every statement of the reader's pool is bounded: one officer's broad search cannot hold the store past the gateway's call.
    store: { ...audit.database, maxConnections: base.database.poolSize, statementTimeoutMs: audit.searchTimeoutMs },
    keyring: audit.keyring,
    pages: auditRules.pages,
    officers: auditRules.officers,
    review: auditRules.review,
    search: { unindexedFilterMaxDays: auditRules.search.unindexedFilterMaxDays },
    accessHistory: { excludedClientIds: auditRules.accessHistory.excludedClients },
    anomalies: {
      maxWindowDays: rules.maxWindowDays,
      maxPerOperation: rules.maxPerOperation,
      excludeClientIds: rules.excludedClients,
      volume: {
        baselineDays: rules.volume.baselineDays,
        factor: overrides.volumeFactor ?? rules.volume.factor,
        minimum: overrides.volumeMinimum ?? rules.volume.minimum,
      },
      offHours: { ...rules.offHours, minimum: overrides.offHoursMinimum ?? rules.offHours.minimum },
      refusedBurst: { ...rules.refusedBurst, count: overrides.refusedBurst ?? rules.refusedBurst.count },
    },
    organisations: { version: organisations.version, entries: organisations.organisations },
    statistics: readStatisticsRules(env),
    rulesVersion: auditRules.version,
  };
}
