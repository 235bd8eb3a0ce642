import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type DocumentNode } from 'graphql';
import { renderMessage } from '../errors/app-error';
import { refusedPaths } from './refused-paths';
import type { ScopeRequirements } from './scope-requirements';

/**
 * Refuses, before anything is resolved, an operation that selects a field
 * the caller's purposes do not allow: `FORBIDDEN` naming every refused path,
 * and nothing of the operation is returned. The verdict is cached per parsed
 * document and set of purposes (Apollo reuses parsed documents).
 */
export function useScopeEnforcement<TContext extends BaseContext>(
  requirements: ScopeRequirements,
  purposesOf: (context: TContext) => readonly string[] | null,
): ApolloServerPlugin<TContext> {
  const verdicts = new WeakMap<DocumentNode, Map<string, string[]>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, contextValue }) {
          const purposes = purposesOf(contextValue);
          if (purposes === null) return;
          const key = [...purposes].sort().join(' ');
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
          if (refused.length === 0) return;
          const params = { paths: refused.join(', ') };
          throw new GraphQLError(renderMessage('FORBIDDEN', params), {
            extensions: { code: 'FORBIDDEN', reason: 'FORBIDDEN', params, refusedPaths: refused, http: { status: 403 } },
          });
        },
      };
    },
  };
}
