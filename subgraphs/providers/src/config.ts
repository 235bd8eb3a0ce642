import { readSubgraphConfig, type SubgraphConfig } from '@cmb/kit';
import rules from './reference-data/providers-rules.json';

/** Limits of the paginated `providers` query. */
export interface PaginationLimits {
  defaultPageSize: number;
  maxPageSize: number;
  maxNameFilterLength: number;
}

/** Publication cadence of the INPE registry, for the staleness alert (R6). */
export interface RegistryCadence {
  publicationIntervalWorkingDays: number;
  staleAfterWorkingDays: number;
  /** Days of the week (0 = Sunday) that are not working days. */
  weekendDays: number[];
}

/** Settings of the providers subgraph. */
export interface ProvidersConfig extends SubgraphConfig {
  /** Time zone of "today" for the active and conventioned flags. */
  timeZone: string;
  pagination: PaginationLimits;
  registry: RegistryCadence;
  rulesVersion: string;
}

/** Reads the providers configuration once from the environment and the versioned reference data. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ProvidersConfig {
  const base = readSubgraphConfig('providers', env, { port: 4102 });
  return {
    ...base,
    timeZone: rules.timeZone.value,
    pagination: {
      defaultPageSize: rules.pagination.defaultPageSize,
      maxPageSize: rules.pagination.maxPageSize,
      maxNameFilterLength: rules.pagination.maxNameFilterLength,
    },
    registry: {
      publicationIntervalWorkingDays: rules.registry.publicationIntervalWorkingDays,
      staleAfterWorkingDays: rules.registry.staleAfterWorkingDays,
      weekendDays: rules.registry.weekendDays,
    },
    rulesVersion: rules.version,
  };
}
