import { careGiverOrg, type Caller } from '@cmb/kit';
import type { ProviderFacts } from './facts';

/**
 * Who a decision is answered to (hop 3: outcome, reasons, coverage): the
 * organisation that made the check at hop 1, sealed in the decision id, as
 * `eligibility` answers the one who asked. A decision id replayed by another
 * establishment or professional resolves to nothing; callers without care
 * relationships (sealed as none) keep theirs.
 */
export function decisionAnsweredTo(caller: Pick<Caller, 'org' | 'orgKind'>, checkedBy: string | null): boolean {
  return careGiverOrg(caller) === checkedBy;
}

/** What a decision says that the care relationship depends on. */
export interface CheckedDecision {
  /** The organisation that made the check (hop 1), sealed in the decision id; null for callers without care relationships. */
  checkedBy: string | null;
  outcome: string;
  /** The providers registry's facts on the provider giving care (hop 2); null when the registry could not answer. */
  provider: Pick<ProviderFacts, 'givesCare'> | null;
}

/**
 * The care relationship is earned (architecture.md, access rules: records
 * only with a care relationship): an eligibility check opens one for the
 * calling establishment or professional only when it is ELIGIBLE, the caller
 * made the check itself (the organisation sealed in the decision at hop 1),
 * and the providers registry says the provider gives care: a pharmacy
 * dispenses and reads no record, so its check opens none. Facts the registry
 * could not give open none (flag, never guess). Returns the organisation whose
 * relationship opens, or null.
 */
export function relationshipOpenedBy(caller: Pick<Caller, 'org' | 'orgKind'>, decision: CheckedDecision): string | null {
  const org = careGiverOrg(caller);
  if (!org || decision.checkedBy !== org) return null;
  if (decision.outcome !== 'ELIGIBLE') return null;
  return decision.provider?.givesCare === true ? org : null;
}
