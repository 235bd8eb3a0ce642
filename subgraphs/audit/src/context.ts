import type { BreakGlassReview, PseudonymKeyring } from '@cmb/audit-store';
import type { Caller } from '@cmb/kit';
import DataLoader from 'dataloader';
import type { AuditSubgraphConfig } from './config';
import type { AuditTrail } from './services/audit-trail';

/** Long-lived services of the subgraph, built once in `app.ts`. */
export interface AuditServices {
  trail: AuditTrail;
  keyring: PseudonymKeyring;
  rules: Pick<
    AuditSubgraphConfig,
    'pages' | 'officers' | 'review' | 'search' | 'accessHistory' | 'anomalies' | 'organisations' | 'statistics'
  >;
}

/** Per-request context: the reviews of the events of one answer are read in one query. */
export interface AuditContext extends AuditServices {
  caller: Caller;
  reviews: DataLoader<string, BreakGlassReview | null>;
}

/** Creates the context of one request. */
export function createContext(services: AuditServices, caller: Caller): AuditContext {
  return {
    ...services,
    caller,
    reviews: new DataLoader((eventIds: readonly string[]) => services.trail.reviews(eventIds), {
      maxBatchSize: services.rules.pages.maxSize,
    }),
  };
}
