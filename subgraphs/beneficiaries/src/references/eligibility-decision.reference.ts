import type { BeneficiariesContext } from '../context';
import type { DecisionReference } from '../services/eligibility-service';
import type { EligibilityDecisionType } from '../types/eligibility-decision.type';

/** Hop 3: resolves a decision from its key and the facts of hop 2, for the caller (whose care relationship an ELIGIBLE check opens); coverage lookups are batched per request. */
export function resolveDecisionReference(
  reference: DecisionReference,
  context: BeneficiariesContext,
): Promise<EligibilityDecisionType | null> {
  return context.eligibility
    .decide([reference], (ref) => context.coverage.load(ref), context.caller)
    .then(([decision]) => decision ?? null);
}
