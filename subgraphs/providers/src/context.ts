import { todayIn, type Caller } from '@cmb/kit';
import DataLoader from 'dataloader';
import type { RegistryCadence, RegistryImportSettings } from './config';
import type { AttachmentEntity } from './entities/attachment.entity';
import type { ConventionEntity } from './entities/convention.entity';
import type { ProviderEntity } from './entities/provider.entity';
import type { RegistryVersionEntity } from './entities/registry-version.entity';
import type { CurrentVersionCache } from './services/current-version-cache';
import type { RegistryReadCache } from './services/registry-read-cache';
import type { ProviderDirectory } from './services/provider-directory';
import type { ProviderFactsService } from './services/provider-facts-service';
import type { ProviderStore } from './services/provider-store';
import type { RegistryFreshness } from './services/registry-freshness';
import type { RegistryHistory } from './services/registry-history';
import type { RegistryImporter } from './services/registry-importer';
import type { RegistryRollback } from './services/registry-rollback';

/** Long-lived services of the subgraph, built once in `app.ts`. */
export interface ProvidersServices {
  store: ProviderStore;
  directory: ProviderDirectory;
  facts: ProviderFactsService;
  /** Time zone of "today" (Africa/Casablanca). */
  timeZone: string;
  registry: RegistryCadence;
  /** The registry version in force, cached for the process (the hot path names it in every decision). */
  currentVersion: CurrentVersionCache;
  /** The providers and conventions of the version in force, kept in memory (hop 2 reads them on every check). */
  readCache: RegistryReadCache;
  /** Loading ANAM's files: who may, and the services that load and roll back. */
  registryImport: RegistryImportSettings;
  importer: RegistryImporter;
  rollback: RegistryRollback;
  history: RegistryHistory;
  freshness: RegistryFreshness;
}

/** Per-request context: request-scoped loaders batch every lookup of one request (no N+1). */
export interface ProvidersContext extends ProvidersServices {
  /** Who asks, as the gateway signed it. */
  caller: Caller;
  /** Today in Africa/Casablanca, fixed for the whole request. */
  today: string;
  providers: DataLoader<string, ProviderEntity | null>;
  conventions: DataLoader<string, ConventionEntity[]>;
  /** Attachments of a professional to establishments, whatever their period. */
  attachments: DataLoader<string, AttachmentEntity[]>;
  /** The registry version in force, read at most once per request. */
  registryVersion: () => Promise<RegistryVersionEntity | null>;
}

/** Points the read cache at the registry's state (read from the process's version cache, a query every few seconds at most). */
async function followVersionInForce(services: ProvidersServices): Promise<void> {
  services.readCache.follow((await services.currentVersion.state()).stamp);
}

/** Creates the context of one request. */
export function createContext(services: ProvidersServices, caller: Caller, now: Date = new Date()): ProvidersContext {
  let version: Promise<RegistryVersionEntity | null> | undefined;
  return {
    ...services,
    caller,
    today: todayIn(services.timeZone, now),
    providers: new DataLoader(async (inpes: readonly string[]) => {
      await followVersionInForce(services);
      return services.readCache.providersOf(inpes, (keys) => services.store.findByInpes(keys));
    }),
    conventions: new DataLoader(async (inpes: readonly string[]) => {
      await followVersionInForce(services);
      return services.readCache.conventionsOf(inpes, (keys) => services.store.conventionsOf(keys));
    }),
    attachments: new DataLoader((inpes: readonly string[]) => services.store.attachmentsOfProfessionals(inpes)),
    registryVersion: () => (version ??= services.currentVersion.get()),
  };
}
