import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { AttachmentEntity } from './entities/attachment.entity';
import { ConventionEntity } from './entities/convention.entity';
import { ProviderEntity } from './entities/provider.entity';
import { RegistryVersionEntity } from './entities/registry-version.entity';
import { InitialProviderRegistry1764100000000 } from './migrations/1764100000000-initial-provider-registry';
import { ConventionCareType1768000000000 } from './migrations/1768000000000-convention-care-type';

/** The INPE registry's data source: the same entities and migrations on PostgreSQL and SQLite. */
export function providersDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, {
    entities: [RegistryVersionEntity, ProviderEntity, ConventionEntity, AttachmentEntity],
    migrations: [InitialProviderRegistry1764100000000, ConventionCareType1768000000000],
  });
}
