import { openDatabase, runImportCli, type ImportTarget } from '@cmb/kit';
import { registryServices } from '../registry-services';
import { loadConfig, REGISTRY_FILE_MAX_BYTES } from '../config';
import { providersDataSource } from '../data-source';
import type { RegistryVersionEntity } from '../entities/registry-version.entity';

/** Who the versions loaded from the command line name as their loader. */
const CLI_LOADER = 'cli';

function counts(version: RegistryVersionEntity): string {
  return `${version.providerCount} codes, ${version.addedCount} added, ${version.changedCount} changed, ${version.withdrawnCount} withdrawn`;
}

/** The providers subgraph's database, with the registry's import and rollback, as the subgraph itself would write it. */
async function openRegistry(): Promise<ImportTarget> {
  const config = loadConfig();
  const dataSource = providersDataSource(config.database);
  await openDatabase(dataSource);
  // Nothing else reads through this process's connection: it writes too.
  const { importer, rollback } = registryServices(config, dataSource, dataSource, () => new Date());
  return {
    async importText(text, progress) {
      const { version, alreadyLoaded } = await importer.importFile(text, { loadedBy: CLI_LOADER, progress, language: 'en' });
      return alreadyLoaded
        ? [`INPE registry: this file was loaded already, as version ${version.id} (${version.status}): ${counts(version)}`]
        : [`INPE registry: version ${version.id} (extracted ${version.publishedOn}) is in force: ${counts(version)}`];
    },
    async rollback(progress) {
      const result = await rollback.rollBack(null, { rolledBackBy: CLI_LOADER, progress, language: 'en' });
      return [`INPE registry: version ${result.rolledBack.id} rolled back; version ${result.inForce?.id ?? 'none'} is in force again`];
    },
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

runImportCli({
  name: 'inpe',
  description:
    "Loads the INPE registry file ANAM shares as a new version of the providers subgraph's copy (its database: DATABASE_URL or SQLITE_PATH), or rolls the version in force back.",
  layout: 'subgraphs/providers/README.md, "The registry file"',
  maxFileBytes: REGISTRY_FILE_MAX_BYTES,
  open: openRegistry,
});
