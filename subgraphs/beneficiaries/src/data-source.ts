import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { AffiliationBatchEntity } from './entities/affiliation-batch.entity';
import { AffiliationEntity } from './entities/affiliation.entity';
import { PersonEntity } from './entities/person.entity';
import { InitialRegistry1764000000000 } from './migrations/1764000000000-initial-registry';

/** The registry's data source: the same entities and migrations on PostgreSQL and SQLite. */
export function beneficiariesDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, {
    entities: [PersonEntity, AffiliationEntity, AffiliationBatchEntity],
    migrations: [InitialRegistry1764000000000],
  });
}
