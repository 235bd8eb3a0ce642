import { purposeRefusal, scopeVerdicts, type ScopeRequirements } from '@cmb/kit';
import type { GraphQLStep } from '../steps';

/**
 * Refuses, before any subgraph is called, an operation that selects a field
 * its token's purpose does not open (`@scopes` of the supergraph): 403
 * `FORBIDDEN` naming every refused path, and nothing is returned. Each
 * subgraph checks again with the same map from its own schema.
 */
export function enforcePurposes(requirements: ScopeRequirements): GraphQLStep {
  const verdictOf = scopeVerdicts(requirements);
  return {
    didResolveOperation({ document, schema, contextValue }) {
      const refused = verdictOf(schema, document, contextValue.caller.purposes);
      if (refused.length > 0) throw purposeRefusal(refused);
    },
  };
}
