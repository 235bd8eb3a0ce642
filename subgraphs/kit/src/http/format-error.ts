import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { appError, formattedError } from '../errors/app-error';

/**
 * Keeps errors that carry a deliberate code and masks everything else as
 * `INTERNAL_SERVER_ERROR`, logging the cause. No stack trace or SQL text
 * leaves the process outside development.
 */
export function createFormatError(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const deliberate = original instanceof GraphQLError && typeof original.extensions?.code === 'string';
    const apolloCode = formatted.extensions?.code;
    if (deliberate || (typeof apolloCode === 'string' && apolloCode !== 'INTERNAL_SERVER_ERROR')) {
      if (!production) return formatted;
      const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original }, 'internal error in resolver');
    return formattedError(appError('INTERNAL_SERVER_ERROR'), formatted.path);
  };
}
