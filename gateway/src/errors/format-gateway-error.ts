import { unwrapResolverError } from '@apollo/server/errors';
import { appError, formattedError, isErrorCode, isErrorKey } from '@cmb/kit';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

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

/**
 * Formats errors for clients: a stable code always, internal details never.
 * Errors without a deliberate code (a crash, a subgraph's unexpected answer)
 * become `INTERNAL_SERVER_ERROR` and are logged with the request id.
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
    logger.error({ err: unwrapResolverError(error) }, 'internal error');
    return formattedError(appError('INTERNAL_SERVER_ERROR'), formatted.path);
  };
}
