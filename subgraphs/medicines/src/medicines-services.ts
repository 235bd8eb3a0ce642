import { engineOf } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import type { MedicinesConfig } from './config';
import type { MedicinesServices } from './context';
import { medicinesDataSource } from './data-source';
import { GmrStore } from './services/gmr-store';
import { GuideHistory } from './services/guide-history';
import { GuideImportService } from './services/guide-import-service';
import { MedicineService } from './services/medicine-service';

/**
 * The data source of the guide's writes (imports, rollbacks). On SQLite a
 * second connection to the same file, so the requests' connection never
 * sees a load's uncommitted rows (WAL: it reads the last commit); on
 * PostgreSQL the pool itself, each transaction on a connection of its own.
 */
export async function guideWriter(config: Pick<MedicinesConfig, 'database'>, dataSource: DataSource): Promise<DataSource> {
  if (engineOf(config.database) === 'postgres') return dataSource;
  return medicinesDataSource(config.database).initialize();
}

/**
 * The subgraph's long-lived services over an open database: reads on
 * `dataSource`, imports and rollbacks on `writer` (the same data source for
 * the import command, which serves no request).
 */
export function medicinesServices(
  config: MedicinesConfig,
  dataSource: DataSource,
  writer: DataSource,
  clock?: () => Date,
): MedicinesServices {
  const store = new GmrStore(dataSource);
  const medicines = new MedicineService(store, config, clock);
  const today = () => medicines.today();
  const guideHistory = new GuideHistory(dataSource, config.guideImport, today);
  const guideImports = new GuideImportService(writer, config.guideImport, guideHistory, today, clock);
  return { store, medicines, guideImports, guideHistory };
}
