import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { BreakGlassAccessEntity } from './entities/break-glass-access.entity';
import { ConsentBlockEntity } from './entities/consent-block.entity';
import { DocumentPointerEntity } from './entities/document-pointer.entity';
import { InitialRecords1764500000000 } from './migrations/1764500000000-initial-records';
import { ConsentAndBreakGlass1766000000000 } from './migrations/1766000000000-consent-and-break-glass';
import { JustificationByRequest1768000000000 } from './migrations/1768000000000-justification-by-request';
import { JustificationByEvent1770000000000 } from './migrations/1770000000000-justification-by-event';
import { MaskWholeDocuments1770500000000 } from './migrations/1770500000000-mask-whole-documents';

/** The record registry's data source: the same entities and migrations on PostgreSQL and SQLite. */
export function medicalRecordsDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, {
    entities: [DocumentPointerEntity, ConsentBlockEntity, BreakGlassAccessEntity],
    migrations: [
      InitialRecords1764500000000,
      ConsentAndBreakGlass1766000000000,
      JustificationByRequest1768000000000,
      JustificationByEvent1770000000000,
      MaskWholeDocuments1770500000000,
    ],
  });
}
