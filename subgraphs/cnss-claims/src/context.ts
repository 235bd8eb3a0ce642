import { todayIn, type Caller } from '@cmb/kit';
import DataLoader from 'dataloader';
import type { CnssClaimsConfig } from './config';
import type { ClaimStore, StoredFile } from './services/claim-store';

/** Long-lived services, built once in `app.ts`. */
export interface CnssClaimsServices {
  store: ClaimStore;
  config: CnssClaimsConfig;
}

/** Per-request context: loaders batch every lookup of one request (no N+1); today in the OG's time zone. */
export interface CnssClaimsContext extends CnssClaimsServices {
  caller: Caller;
  today: string;
  filesByPerson: DataLoader<string, StoredFile[]>;
  filesByNumber: DataLoader<string, StoredFile | null>;
}

/** Creates the context of one request. */
export function createContext(services: CnssClaimsServices, caller: Caller): CnssClaimsContext {
  return {
    ...services,
    caller,
    today: todayIn(services.config.timeZone),
    filesByPerson: new DataLoader(async (refs: readonly string[]) => {
      const found = await services.store.byPersons(refs);
      return refs.map((ref) => found.get(ref) ?? []);
    }),
    filesByNumber: new DataLoader(async (numbers: readonly string[]) => {
      const found = await services.store.byNumbers(numbers);
      return numbers.map((number) => found.get(number) ?? null);
    }),
  };
}
