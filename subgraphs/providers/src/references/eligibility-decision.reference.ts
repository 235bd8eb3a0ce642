import type { ProvidersContext } from '../context';
import type { DecisionProviderPart, DecisionReference } from '../services/provider-facts-service';

/**
 * Hop 2: contributes the asking provider's facts and the provider to a
 * decision. Every representation of one `_entities` call shares the request's
 * loader, so they are read with one `IN (...)` query.
 */
export function resolveDecisionReference(reference: DecisionReference, context: ProvidersContext): Promise<DecisionProviderPart> {
  return context.facts.contribute(reference, (inpe) => context.providers.load(inpe));
}
