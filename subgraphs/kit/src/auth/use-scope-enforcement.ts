import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { refusal } from '../errors/app-error';
import { refusedPaths } from './refused-paths';
import type { ScopeRequirements } from './scope-requirements';

/** The refused paths of a validated operation for a set of purposes, cached per parsed document and purposes. */
export type ScopeVerdicts = (schema: GraphQLSchema, document: DocumentNode, purposes: readonly string[]) => string[];

/**
 * Caches {@link refusedPaths} per parsed document (Apollo reuses parsed
 * documents) and set of purposes: the gateway and every subgraph decide each
 * operation shape once.
 */
export function scopeVerdicts(requirements: ScopeRequirements): ScopeVerdicts {
  const verdicts = new WeakMap<DocumentNode, Map<string, string[]>>();
  return (schema, document, purposes) => {
    const key = purposes.length === 1 ? (purposes[0] ?? '') : [...purposes].sort().join(' ');
    let byPurposes = verdicts.get(document);
    if (!byPurposes) {
      byPurposes = new Map();
      verdicts.set(document, byPurposes);
    }
    let refused = byPurposes.get(key);
    if (!refused) {
      refused = refusedPaths(schema, document, requirements, new Set(purposes));
      byPurposes.set(key, refused);
    }
    return refused;
  };
}

/** The refusal of an operation that selects fields its purposes do not open: `FORBIDDEN` naming every refused path. */
export function purposeRefusal(refused: readonly string[]) {
  return refusal('FORBIDDEN', { paths: refused.join(', ') }, { extensions: { refusedPaths: [...refused] } });
}

/**
 * Refuses, before anything is resolved, an operation that selects a field
 * the caller's purposes do not allow: `FORBIDDEN` naming every refused path,
 * and nothing of the operation is returned.
 */
export function useScopeEnforcement<TContext extends BaseContext>(
  requirements: ScopeRequirements,
  purposesOf: (context: TContext) => readonly string[] | null,
): ApolloServerPlugin<TContext> {
  const verdictOf = scopeVerdicts(requirements);
  const listener = {
    async didResolveOperation({
      document,
      schema,
      contextValue,
    }: {
      document: DocumentNode;
      schema: GraphQLSchema;
      contextValue: TContext;
    }) {
      const purposes = purposesOf(contextValue);
      if (purposes === null) return;
      const refused = verdictOf(schema, document, purposes);
      if (refused.length > 0) throw purposeRefusal(refused);
    },
  };
  return { requestDidStart: async () => listener };
}
