import DataLoader from 'dataloader';
import type { PersonEntity } from './entities/person.entity';
import type { AffiliationBatchService } from './services/affiliation-batch';
import type { CoverageRecord, CoverageStore } from './services/coverage-store';
import type { EligibilityService } from './services/eligibility-service';

/** Long-lived services of the subgraph, built once in `app.ts`. */
export interface BeneficiariesServices {
  store: CoverageStore;
  eligibility: EligibilityService;
  batches: AffiliationBatchService;
}

/** Per-request context: request-scoped loaders batch every lookup of one request (no N+1). */
export interface BeneficiariesContext extends BeneficiariesServices {
  coverage: DataLoader<string, CoverageRecord | null>;
  persons: DataLoader<string, PersonEntity | null>;
}

/** Creates the context of one request. */
export function createContext(services: BeneficiariesServices): BeneficiariesContext {
  return {
    ...services,
    coverage: new DataLoader((refs: readonly string[]) => services.store.loadCoverage(refs)),
    persons: new DataLoader((refs: readonly string[]) => services.store.findPersons(refs)),
  };
}
