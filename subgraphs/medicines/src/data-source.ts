import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { GmrChangeEntity } from './entities/gmr-change.entity';
import { GmrImportEntity } from './entities/gmr-import.entity';
import { GmrMedicineEntity } from './entities/gmr-medicine.entity';
import { GmrVersionEntity } from './entities/gmr-version.entity';
import { InitialGmr1764000000000 } from './migrations/1764000000000-initial-gmr';
import { GmrImports1768000000000 } from './migrations/1768000000000-gmr-imports';

/** The GMR's data source: the same entities and migrations on PostgreSQL and SQLite. */
export function medicinesDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, {
    entities: [GmrVersionEntity, GmrMedicineEntity, GmrImportEntity, GmrChangeEntity],
    migrations: [InitialGmr1764000000000, GmrImports1768000000000],
  });
}
