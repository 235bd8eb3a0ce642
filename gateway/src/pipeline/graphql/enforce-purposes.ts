import { purposeRefusal, scopeVerdicts, type ScopeRequirements, type ScopeVerdicts } from '@cmb/kit';
import type { GraphQLSchema } from 'graphql';
import type { GraphQLStep } from '../steps';

/**
 * Refuses, before any subgraph is called, an operation that selects a field
 * its token's purpose does not open (`@scopes` of the supergraph the request
 * runs on): 403 `FORBIDDEN` naming every refused path, and nothing is
 * returned. Each subgraph checks again with the same map from its own schema.
 */
export function enforcePurposes(requirementsOf: (schema: GraphQLSchema) => ScopeRequirements): GraphQLStep {
  // One verdict cache per supergraph: a new supergraph's requirements start a cache of their own.
  const verdicts = new WeakMap<ScopeRequirements, ScopeVerdicts>();
  return {
    didResolveOperation({ document, schema, contextValue }) {
      const requirements = requirementsOf(schema);
      let verdictOf = verdicts.get(requirements);
      if (!verdictOf) {
        verdictOf = scopeVerdicts(requirements);
        verdicts.set(requirements, verdictOf);
      }
      const refused = verdictOf(schema, document, contextValue.caller.purposes);
      if (refused.length > 0) throw purposeRefusal(refused);
    },
  };
}
