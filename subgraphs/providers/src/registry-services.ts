import { engineOf } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import type { ProvidersConfig } from './config';
import type { ProvidersServices } from './context';
import { providersDataSource } from './data-source';
import { registryVocabulary } from './rules/registry-row';
import { RegistryFreshness } from './services/registry-freshness';
import { RegistryHistory } from './services/registry-history';
import { RegistryImporter } from './services/registry-importer';
import { RegistryRollback } from './services/registry-rollback';

/**
 * The data source of the registry's writes (imports, rollbacks). On SQLite a
 * second connection to the same file: the requests' connection never sees a
 * load's uncommitted rows (WAL: it reads the last commit). On PostgreSQL the
 * pool itself, each transaction on a connection of its own.
 */
export async function registryWriter(config: ProvidersConfig, dataSource: DataSource): Promise<DataSource> {
  if (engineOf(config.database) === 'postgres') return dataSource;
  return providersDataSource(config.database).initialize();
}

/** The registry's services, on the requests' data source and the writes' one. */
export function registryServices(
  config: ProvidersConfig,
  dataSource: DataSource,
  writer: DataSource,
  now: () => Date,
): Pick<ProvidersServices, 'importer' | 'rollback' | 'history' | 'freshness'> {
  return {
    importer: new RegistryImporter(
      writer,
      { maxRows: config.registryImport.maxRows, timeZone: config.timeZone, vocabulary: registryVocabulary() },
      now,
    ),
    rollback: new RegistryRollback(writer, now),
    history: new RegistryHistory(dataSource, config.pagination),
    freshness: new RegistryFreshness(config.registry, config.timeZone),
  };
}
