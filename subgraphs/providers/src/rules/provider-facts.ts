import { isActiveOn, type ProviderActivity } from './provider-active';
import { givesCare } from './provider-categories';

/** The asking provider's status on the day of care (R6). */
export interface ProviderStatusFacts {
  /** The INPE code exists in the registry. */
  registered: boolean;
  /** The code is active on the day of care. */
  active: boolean;
  /** The provider gives care (not a pharmacy): an ELIGIBLE check by it opens a care relationship. */
  givesCare: boolean;
}

/** What the providers subgraph contributes to an eligibility decision: the status (R6), the conventions in force (R7), the copy read. */
export interface ProviderFacts extends ProviderStatusFacts {
  conventions: { organism: string; careType: string | null; paymentMode: string }[];
  registryVersion: string;
  registryAsOf: string | null;
  registryStale: boolean;
}

/**
 * R6 facts for the day of care (seeds/001_225b0d72771d4c3f.txt:L891): an
 * unknown code is neither registered nor active; this is an outcome for the
 * decision, never an error. With them, whether the provider gives care (its
 * category, `givesCare`), which beneficiaries reads before it notes a care
 * relationship.
 */
export function providerFactsOn(provider: (ProviderActivity & { category: string }) | null, careDate: string): ProviderStatusFacts {
  if (provider === null) return { registered: false, active: false, givesCare: false };
  return { registered: true, active: isActiveOn(provider, careDate), givesCare: givesCare(provider.category) };
}
