import { readSubgraphConfig, type SubgraphConfig, type WorkingCalendar } from '@cmb/kit';
import rules from './reference-data/providers-rules.json';

/** Limits of the paginated queries (`providers`, the registry's versions and changes). */
export interface PaginationLimits {
  defaultPageSize: number;
  maxPageSize: number;
  maxNameFilterLength: number;
}

/** Publication cadence of the INPE registry, for the staleness alert (R6). */
export interface RegistryCadence {
  publicationIntervalWorkingDays: number;
  staleAfterWorkingDays: number;
  /** Working days of grace after the interval before the copy is stale (a transfer late by a day or two). */
  staleMarginWorkingDays: number;
  /** The Moroccan working calendar: weekend days and public holidays. */
  calendar: WorkingCalendar;
}

/** Who may load the registry, and how large a file may be. */
export interface RegistryImportSettings {
  /** The organisation that keeps the registry (ANAM) and its kind; every other caller is refused. */
  owner: { org: string; orgKind: string };
  /** Data lines a file may hold at most. */
  maxRows: number;
}

/** The largest registry file loaded: the gateway's `IMPORT_MAX_BODY_BYTES` by default (a 50,000-code file is about 5 MB). */
export const REGISTRY_FILE_MAX_BYTES = 64 * 1024 * 1024;

/** The default body limit (`MAX_BODY_BYTES`): a largest registry file and its GraphQL envelope. */
export const PROVIDERS_MAX_BODY_BYTES = REGISTRY_FILE_MAX_BYTES + 1024 * 1024;

/** Settings of the providers subgraph. */
export interface ProvidersConfig extends SubgraphConfig {
  /** Time zone of "today" for the active and conventioned flags. */
  timeZone: string;
  pagination: PaginationLimits;
  registry: RegistryCadence;
  registryImport: RegistryImportSettings;
  rulesVersion: string;
}

/** Reads the providers configuration once from the environment and the versioned reference data. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ProvidersConfig {
  const base = readSubgraphConfig('providers', env, { port: 4102, maxBodyBytes: PROVIDERS_MAX_BODY_BYTES });
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
      staleMarginWorkingDays: rules.registry.staleMarginWorkingDays,
      calendar: {
        weekendDays: rules.workingCalendar.weekendDays,
        holidays: rules.workingCalendar.holidays.map((holiday) => holiday.date),
      },
    },
    registryImport: { owner: rules.registryImport.owner, maxRows: rules.registryImport.maxRows },
    rulesVersion: rules.version,
  };
}
