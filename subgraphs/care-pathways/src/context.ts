import type { Caller } from '@cmb/kit';
import DataLoader from 'dataloader';
import type { PathwayBatchService } from './services/pathway-batch';
import type { PathwayRecord, PathwayStore } from './services/pathway-store';
import type { PriorApprovalRequests } from './services/prior-approval-requests';
import type { PathwayService } from './services/pathway-service';
import type { ReferenceCatalog } from './services/reference-catalog';

/** Long-lived services of the subgraph, built once in `app.ts`. */
export interface CarePathwaysServices {
  store: PathwayStore;
  pathways: PathwayService;
  catalog: ReferenceCatalog;
  /** An OG's pathway batches (`recordPathways`). */
  pathwayBatches: PathwayBatchService;
  /** Establishments' prior approval requests and their listings. */
  priorApprovals: PriorApprovalRequests;
  /** The secret shared with the gateway and the other subgraphs: verifies beneficiaries' proofs. */
  proofSecret: Buffer;
}

/** Per-request context: a request-scoped loader batches every person lookup of one request (no N+1). */
export interface CarePathwaysContext extends CarePathwaysServices {
  caller: Caller;
  records: DataLoader<string, PathwayRecord>;
}

/** Creates the context of one request. */
export function createContext(services: CarePathwaysServices, caller: Caller): CarePathwaysContext {
  return {
    ...services,
    caller,
    records: new DataLoader((refs: readonly string[]) => services.store.loadRecords(refs)),
  };
}
