import { unwrapResolverError } from '@apollo/server/errors';
import { appError, formattedError, isErrorCode, isErrorKey } from '@cmb/kit';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { replaceNationalIdsInAnyCase } from '../personal-arguments';

/** Codes Apollo Server itself gives to request errors; they are safe to return as they are. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * The code of an error as the gateway passes it on (to the client, the
 * metrics' labels, the audit trail): one of the catalogue's or of Apollo's
 * request errors; null for anything else, which a subgraph (an insurer's
 * above all) may have put there: a label without bound, or text with a
 * national id in it.
 */
export function publicCodeOf(code: unknown): string | null {
  return isErrorCode(code) || REQUEST_CODES.has(String(code)) ? (code as string) : null;
}

/**
 * Extension keys that may leave the gateway; anything else (stack traces,
 * subgraph responses) stays inside. `lineErrors` and `lineErrorCount`: where
 * a refused registry file is wrong (line, column, expected form; never a
 * value). `problems`: what the subgraph registry's checks found in a publish
 * (check, subgraph, type, field, message).
 */
const PUBLIC_EXTENSIONS = new Set(['code', 'reason', 'params', 'serviceName', 'refusedPaths', 'lineErrors', 'lineErrorCount', 'problems']);

/** A subgraph's name as the gateway routes to it (the executor sets `serviceName` from its plan). */
const SUBGRAPH_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** What stands, in a logged path, for a national id a client put in an alias. */
const IN_PLACE_OF_AN_ID = '<national id>';

/**
 * What the log says of an error a subgraph sent (Apollo's executor names the
 * subgraph in `serviceName`): which subgraph, where in the answer, and
 * whether its code was missing or foreign; never its message or code, which
 * the subgraph wrote (an insurer's may name the person in them), nor the
 * national id a client put in an alias of the path.
 */
function subgraphErrorFacts(formatted: GraphQLFormattedError, subgraph: string): Record<string, unknown> {
  const code = formatted.extensions?.code;
  return {
    subgraph,
    code: code === undefined ? 'none' : (publicCodeOf(code) ?? 'foreign'),
    path: formatted.path?.map((key) => (typeof key === 'number' ? key : replaceNationalIdsInAnyCase(key, () => IN_PLACE_OF_AN_ID))),
  };
}

/**
 * Formats errors for clients: a stable code always, internal details never.
 * Errors without a deliberate code (a crash, a subgraph's unexpected answer)
 * become `INTERNAL_SERVER_ERROR` and are logged: the gateway's own with the
 * error, a subgraph's by its facts alone ({@link subgraphErrorFacts}).
 */
export function createGatewayFormatError(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = publicCodeOf(formatted.extensions?.code);
    if (code !== null && code !== 'INTERNAL_SERVER_ERROR') {
      const extensions = Object.fromEntries(
        Object.entries(formatted.extensions ?? {}).filter(
          ([key, value]) => (key === 'reason' ? isErrorKey(value) : PUBLIC_EXTENSIONS.has(key)) || (!production && key === 'stacktrace'),
        ),
      );
      return { ...formatted, extensions };
    }
    const subgraph = formatted.extensions?.serviceName;
    if (typeof subgraph === 'string')
      logger.error(subgraphErrorFacts(formatted, SUBGRAPH_NAME.test(subgraph) ? subgraph : 'unnamed'), 'unexpected error from a subgraph');
    else logger.error({ err: unwrapResolverError(error) }, 'internal error');
    return formattedError(appError('INTERNAL_SERVER_ERROR'), formatted.path);
  };
}
