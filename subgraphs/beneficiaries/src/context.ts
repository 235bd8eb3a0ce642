import { careGiverOrg, type Caller, type IndicatorTableType, type StatisticsRules } from '@cmb/kit';
import DataLoader from 'dataloader';
import type { PersonEntity } from './entities/person.entity';
import type { AffiliationBatchService } from './services/affiliation-batch';
import type { CareRelationshipRecorder } from './services/care-relationship-recorder';
import type { CoverageIndicators } from './services/coverage-indicators';
import type { CoverageRecord, CoverageStore } from './services/coverage-store';
import type { EligibilityService } from './services/eligibility-service';
import type { IdentityConflictQueue } from './services/identity-conflicts';
import { confinedOrganism } from './rules/organism-scope';

/** Long-lived services of the subgraph, built once in `app.ts`. */
export interface BeneficiariesServices {
  store: CoverageStore;
  eligibility: EligibilityService;
  batches: AffiliationBatchService;
  careRelationships: CareRelationshipRecorder;
  /** ANAM's review queue of identity conflicts. */
  identityConflicts: IdentityConflictQueue;
  /** Keys the proofs issued to care-pathways and medical-records (`FEDERATION_PROOF_SECRET`). */
  proofSecret: Buffer;
  /** Keys the consent capability (`CONSENT_CAPABILITY_SECRET`, shared with medical-records only). */
  consentCapabilitySecret: Buffer;
  /** The regulator's indicators of the registry. */
  indicators: CoverageIndicators;
  /** Who reads the indicators, their threshold and windows. */
  statistics: StatisticsRules;
  /** Today in the registry's time zone (ISO date): the day whose coverage the row rules read. */
  today: () => string;
}

/** Per-request context: request-scoped loaders batch every lookup of one request (no N+1). */
export interface BeneficiariesContext extends BeneficiariesServices {
  caller: Caller;
  /** The organism an OG caller is confined to; null for other callers. */
  organism: string | null;
  coverage: DataLoader<string, CoverageRecord | null>;
  persons: DataLoader<string, PersonEntity | null>;
  /** Last eligibility check of each person by the calling establishment or professional (null for other callers). */
  lastChecks: DataLoader<string, string | null>;
  /** The coverage tables this request asked (one day at most: each is a scan of the open affiliations), shared by its aliases. */
  coverageTables: { day: string; tables: Promise<IndicatorTableType[]> } | null;
}

/** Creates the context of one request. */
export function createContext(services: BeneficiariesServices, caller: Caller): BeneficiariesContext {
  const org = careGiverOrg(caller);
  return {
    ...services,
    caller,
    organism: confinedOrganism(caller),
    coverage: new DataLoader((refs: readonly string[]) => services.store.loadCoverage(refs)),
    persons: new DataLoader((refs: readonly string[]) => services.store.findPersons(refs)),
    lastChecks: new DataLoader(async (refs: readonly string[]) =>
      org ? services.careRelationships.lastChecks(org, refs) : refs.map(() => null),
    ),
    coverageTables: null,
  };
}
