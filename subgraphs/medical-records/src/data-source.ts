import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { DocumentPointerEntity } from './entities/document-pointer.entity';
import { InitialRecords1764500000000 } from './migrations/1764500000000-initial-records';

/** The record registry's data source: the same entity and migrations on PostgreSQL and SQLite. */
export function medicalRecordsDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, {
    entities: [DocumentPointerEntity],
    migrations: [InitialRecords1764500000000],
  });
}
