import 'reflect-metadata';
import { buildFederatedSchema, createSubgraphHandler, openDatabase, type SubgraphHandler } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import type { ProvidersConfig } from './config';
import { createContext, type ProvidersContext, type ProvidersServices } from './context';
import { providersDataSource } from './data-source';
import { IMPORT_PURPOSE } from './rules/registry-access';
import { resolveDecisionReference } from './references/eligibility-decision.reference';
import { resolveProviderReference } from './references/provider.reference';
import { ProviderResolver } from './resolvers/provider.resolver';
import { RegistryChangeResolver } from './resolvers/registry-change.resolver';
import { RegistryImportResolver } from './resolvers/registry-import.resolver';
import { RegistryVersionResolver } from './resolvers/registry-version.resolver';
import { CurrentVersionCache } from './services/current-version-cache';
import { RegistryReadCache } from './services/registry-read-cache';
import { ProviderDirectory } from './services/provider-directory';
import { ProviderFactsService, type DecisionReference } from './services/provider-facts-service';
import { ProviderStore } from './services/provider-store';
import { registryServices, registryWriter } from './registry-services';
import { EligibilityDecisionType, PROVIDER_SHARED_ANSWER } from './types/eligibility-decision.type';

/** The built subgraph: its HTTP handler and its open database. */
export interface ProvidersApp extends SubgraphHandler {
  dataSource: DataSource;
}

/** Builds the federated schema of the providers subgraph (no database needed). */
export function buildProvidersSchema() {
  return buildFederatedSchema({
    resolvers: [ProviderResolver, RegistryVersionResolver, RegistryChangeResolver, RegistryImportResolver],
    orphanedTypes: [EligibilityDecisionType],
    referenceResolvers: {
      Provider: {
        __resolveReference: (reference: { inpe: string }, context: ProvidersContext) => resolveProviderReference(reference, context),
      },
      EligibilityDecision: {
        __resolveReference: (reference: DecisionReference, context: ProvidersContext) => resolveDecisionReference(reference, context),
      },
    },
  });
}

/**
 * Builds the providers subgraph from its configuration: opens and migrates the
 * database, builds the schema. `now` is the clock "today" is read from (tests fix it).
 */
export async function buildProvidersApp(
  config: ProvidersConfig,
  dataSource = providersDataSource(config.database),
  now: () => Date = () => new Date(),
): Promise<ProvidersApp> {
  await openDatabase(dataSource);
  const writer = await registryWriter(config, dataSource);
  const store = new ProviderStore(dataSource);
  const services: ProvidersServices = {
    store,
    directory: new ProviderDirectory(store, config.pagination),
    facts: new ProviderFactsService(),
    timeZone: config.timeZone,
    registry: config.registry,
    currentVersion: new CurrentVersionCache(() => store.registryState()),
    readCache: new RegistryReadCache(),
    registryImport: config.registryImport,
    ...registryServices(config, dataSource, writer, now),
  };
  const schema = await buildProvidersSchema();
  const handler = await createSubgraphHandler({
    config,
    schema,
    dataSource,
    // Only a registry import carries a whole file; every other call keeps the kit's ordinary limit.
    largeBodies: { purposes: [IMPORT_PURPOSE], maxBodyBytes: config.maxBodyBytes },
    createContext: (caller) => createContext(services, caller, now()),
    referenceCopies: services.freshness.probe(() => store.currentVersion(), now),
    sharedAnswers: [PROVIDER_SHARED_ANSWER],
  });
  return {
    ...handler,
    dataSource,
    drain: async () => {
      if (writer !== dataSource && writer.isInitialized) await writer.destroy();
    },
  };
}
