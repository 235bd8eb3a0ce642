import DataLoader from 'dataloader';
import type { MedicalRecordsConfig } from './config';
import type { DocumentPointerEntity } from './entities/document-pointer.entity';
import type { DocumentRegistry } from './services/document-registry';
import type { CountKey, DocumentPage, DocumentStore, ListingKey } from './services/document-store';
import type { DocumentTypeType } from './types/document-type.type';

/** Long-lived services of the subgraph, built once in `app.ts`. */
export interface MedicalRecordsServices {
  store: DocumentStore;
  registry: DocumentRegistry;
  /** The document-type reference list, ready to serve. */
  documentTypes: DocumentTypeType[];
  listing: MedicalRecordsConfig['listing'];
}

/** Per-request context: request-scoped loaders batch every lookup of one request (no N+1). */
export interface MedicalRecordsContext extends MedicalRecordsServices {
  /** Pointers by id. */
  pointers: DataLoader<string, DocumentPointerEntity | null>;
  /** Pages of persons' records. */
  pages: DataLoader<ListingKey, DocumentPage, string>;
  /** Sizes of persons' records. */
  counts: DataLoader<CountKey, number, string>;
}

/** Creates the context of one request. */
export function createContext(services: MedicalRecordsServices): MedicalRecordsContext {
  const maxBatchSize = services.listing.maxBatchSize;
  return {
    ...services,
    pointers: new DataLoader((ids: readonly string[]) => services.store.findByIds(ids), { maxBatchSize }),
    pages: new DataLoader((keys: readonly ListingKey[]) => services.store.listPages(keys), {
      maxBatchSize,
      cacheKeyFn: (key) => JSON.stringify([key.personRef, key.statuses, key.first, key.after]),
    }),
    counts: new DataLoader((keys: readonly CountKey[]) => services.store.countDocuments(keys), {
      maxBatchSize,
      cacheKeyFn: (key) => JSON.stringify([key.personRef, key.statuses]),
    }),
  };
}
