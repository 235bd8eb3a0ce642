import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { AttachmentEntity } from './entities/attachment.entity';
import { ConventionEntity } from './entities/convention.entity';
import { ProviderEntity } from './entities/provider.entity';
import { RegistryChangeEntity } from './entities/registry-change.entity';
import { RegistryVersionEntity } from './entities/registry-version.entity';
import { InitialProviderRegistry1764100000000 } from './migrations/1764100000000-initial-provider-registry';
import { ConventionCareType1768000000000 } from './migrations/1768000000000-convention-care-type';
import { RegistryImport1764200000000 } from './migrations/1764200000000-registry-import';

/** The INPE registry's data source: the same entities and migrations on PostgreSQL and SQLite. */
export function providersDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, {
    entities: [RegistryVersionEntity, RegistryChangeEntity, ProviderEntity, ConventionEntity, AttachmentEntity],
    migrations: [InitialProviderRegistry1764100000000, RegistryImport1764200000000, ConventionCareType1768000000000],
  });
}
