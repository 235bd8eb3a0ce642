import type { ProvidersContext } from '../context';
import type { DecisionProviderPart, DecisionReference } from '../services/provider-facts-service';

/**
 * Hop 2: contributes the asking provider's facts and the provider to a
 * decision. Every representation of one `_entities` call shares the request's
 * loaders, so they are read with one `IN (...)` query each; the registry
 * version comes from the process's cache.
 */
export function resolveDecisionReference(reference: DecisionReference, context: ProvidersContext): Promise<DecisionProviderPart> {
  return context.facts.contribute(reference, {
    provider: (inpe) => context.providers.load(inpe),
    conventions: (inpe) => context.conventions.load(inpe),
    registryVersion: () => context.currentVersion.get(),
    isStale: (asOf) => context.freshness.isStale(asOf, context.today),
  });
}
