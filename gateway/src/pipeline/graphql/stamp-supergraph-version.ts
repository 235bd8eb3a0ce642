import type { GraphQLSchema } from 'graphql';
import type { GraphQLStep } from '../steps';

/** The response header naming the supergraph version an answer was served on. */
export const SUPERGRAPH_VERSION_HEADER = 'x-cmb-supergraph-version';

/**
 * Names, on every GraphQL answer, the registry version of the supergraph the
 * request ran on (`build` for the build-time supergraph): operators and
 * clients see when a new version reaches a gateway. No personal data.
 */
export function stampSupergraphVersion(versionOf: (schema: GraphQLSchema) => string): GraphQLStep {
  return {
    willSendResponse({ response, schema }) {
      response.http.headers.set(SUPERGRAPH_VERSION_HEADER, versionOf(schema));
    },
  };
}
