import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { loadRealm } from '@cmb/auth';
import { readBuildComposition } from '@cmb/composition';
import { buildFederatedSchema, createLogger, createSubgraphHandler, openDatabase, type SubgraphHandler } from '@cmb/kit';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { RegistryConfig } from './config';
import type { RegistryContext } from './context';
import { registryDataSource } from './data-source';
import { RegistryResolver } from './resolvers/registry.resolver';
import { describeProblem } from './rules/facts';
import { RegistryService } from './services/registry-service';
import { RegistryStore } from './services/registry-store';

/** The built registry: its HTTP handler, its open database and its service. */
export interface RegistryApp extends SubgraphHandler {
  dataSource: DataSource;
  registry: RegistryService;
}

/** Builds the federated schema of the registry (no database needed). */
export function buildRegistrySchema() {
  return buildFederatedSchema({ resolvers: [RegistryResolver] });
}

/**
 * Publishes the national subgraphs of the build-time composition that differ
 * from those the registry serves: all of them on the first start, a
 * national release's changes later. Without the file, a registry already
 * filled goes on with what it holds; an empty one cannot start.
 */
async function syncNationalSubgraphs(registry: RegistryService, store: RegistryStore, path: string, logger: Logger): Promise<void> {
  if (!existsSync(path)) {
    if (await store.latestSupergraph()) {
      logger.warn({ path }, 'no build-time composition: the national subgraphs stay as the registry holds them');
      return;
    }
    readBuildComposition(path);
  }
  const sync = await registry.syncBuild(readBuildComposition(path).subgraphs);
  if (sync.problems.length > 0) {
    logger.error(
      { problems: sync.problems.map(describeProblem) },
      'the national subgraphs of this build do not compose with the registry: the registry serves what it held',
    );
  } else if (sync.changed.length > 0) {
    logger.info({ changed: sync.changed, supergraph: sync.supergraph?.version }, 'national subgraphs of the build published');
  }
}

/** Builds the registry from its configuration: opens and migrates its database, syncs the national subgraphs, builds the schema. */
export async function buildRegistryApp(config: RegistryConfig, dataSource = registryDataSource(config.database)): Promise<RegistryApp> {
  await openDatabase(dataSource);
  const logger = createLogger(config.name, config.logLevel);
  // Read once at start, like every reference copy: a realm change reaches the registry with its restart.
  const realm = loadRealm(config.realmPath);
  const store = new RegistryStore(dataSource);
  const registry = new RegistryService({ store, rules: config.rules, realmClients: () => [...realm.clients.values()], logger });
  await syncNationalSubgraphs(registry, store, config.buildCompositionPath, logger);
  const schema = await buildRegistrySchema();
  const handler = await createSubgraphHandler({
    config,
    schema,
    dataSource,
    logger,
    createContext: (caller): RegistryContext => ({ caller, registry }),
  });
  return { ...handler, dataSource, registry };
}
