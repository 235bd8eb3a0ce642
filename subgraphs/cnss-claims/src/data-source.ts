import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { CareSheetEntity } from './entities/care-sheet.entity';
import { ClaimFileEntity } from './entities/claim-file.entity';
import { InitialClaims1768100000000 } from './migrations/1768100000000-initial-claims';

/** The CNSS claims data source: the same entities and migrations on PostgreSQL and SQLite. */
export function cnssClaimsDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, { entities: [ClaimFileEntity, CareSheetEntity], migrations: [InitialClaims1768100000000] });
}
