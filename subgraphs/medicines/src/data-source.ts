import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { GmrMedicineEntity } from './entities/gmr-medicine.entity';
import { GmrVersionEntity } from './entities/gmr-version.entity';
import { InitialGmr1764000000000 } from './migrations/1764000000000-initial-gmr';

/** The GMR's data source: the same entities and migrations on PostgreSQL and SQLite. */
export function medicinesDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, {
    entities: [GmrVersionEntity, GmrMedicineEntity],
    migrations: [InitialGmr1764000000000],
  });
}
