import type { Caller } from '@cmb/kit';
import DataLoader from 'dataloader';
import type { MedicalRecordsConfig } from './config';
import type { DocumentPointerEntity } from './entities/document-pointer.entity';
import { justifiedEventKey, type BreakGlassLog, type FiledJustification, type JustifiedEvent } from './services/break-glass-log';
import type { ConsentService } from './services/consent-service';
import type { DocumentRegistry } from './services/document-registry';
import type { CountKey, DocumentPage, DocumentStore, ListingKey } from './services/document-store';
import type { DocumentTypeType } from './types/document-type.type';

/** Long-lived services of the subgraph, built once in `app.ts`. */
export interface MedicalRecordsServices {
  store: DocumentStore;
  registry: DocumentRegistry;
  consent: ConsentService;
  breakGlassLog: BreakGlassLog;
  /** The document-type reference list, ready to serve. */
  documentTypes: DocumentTypeType[];
  listing: MedicalRecordsConfig['listing'];
  access: MedicalRecordsConfig['access'];
  /** The secret shared with the gateway and the other subgraphs: verifies the proof of a care relationship. */
  proofSecret: Buffer;
}

/** Per-request context: request-scoped loaders batch every lookup of one request (no N+1). */
export interface MedicalRecordsContext extends MedicalRecordsServices {
  caller: Caller;
  /** Pointers by id. */
  pointers: DataLoader<string, DocumentPointerEntity | null>;
  /** Pages of persons' records. */
  pages: DataLoader<ListingKey, DocumentPage, string>;
  /** Sizes of persons' records. */
  counts: DataLoader<CountKey, number, string>;
  /** Whether each person blocked the calling organisation. */
  blocked: DataLoader<string, boolean>;
  /** The break-glass justifications of audit events, by the event's id (older rows by the request that broke the glass and its client). */
  justifications: DataLoader<JustifiedEvent, FiledJustification | null, string>;
  /** Break-glass accesses recorded by this request, by person: one row per person and request. */
  breakGlassRecorded: Map<string, Promise<string>>;
}

/** Creates the context of one request. */
export function createContext(services: MedicalRecordsServices, caller: Caller): MedicalRecordsContext {
  const maxBatchSize = services.listing.maxBatchSize;
  const org = caller.org;
  return {
    ...services,
    caller,
    pointers: new DataLoader((ids: readonly string[]) => services.store.findByIds(ids), { maxBatchSize }),
    pages: new DataLoader((keys: readonly ListingKey[]) => services.store.listPages(keys), {
      maxBatchSize,
      cacheKeyFn: (key) => JSON.stringify([key.personRef, key.statuses, key.first, key.after, key.includeMasked]),
    }),
    counts: new DataLoader((keys: readonly CountKey[]) => services.store.countDocuments(keys), {
      maxBatchSize,
      cacheKeyFn: (key) => JSON.stringify([key.personRef, key.statuses, key.includeMasked]),
    }),
    blocked: new DataLoader(async (refs: readonly string[]) => (org ? services.consent.blocked(org, refs) : refs.map(() => false)), {
      maxBatchSize,
    }),
    justifications: new DataLoader((events: readonly JustifiedEvent[]) => services.breakGlassLog.justifications(events), {
      maxBatchSize,
      cacheKeyFn: justifiedEventKey,
    }),
    breakGlassRecorded: new Map(),
  };
}
