import { appError, renderMessage, type ErrorParams } from '../errors/app-error';
import type { ErrorKey, Language } from '../errors/error-catalog';

/**
 * Thrown while checking one row of a batch: the row is refused alone, with a
 * catalogue reason; the other rows go on.
 */
export class RowRefusal extends Error {
  constructor(
    readonly key: ErrorKey,
    readonly params: ErrorParams = {},
  ) {
    super(key);
  }
}

/** The stable code and the message (in the asker's language, never repeating the row's data) of a refused row. */
export function rowRefusalOf(key: ErrorKey, params: ErrorParams = {}, language: Language = 'fr'): { code: string; message: string } {
  return { code: appError(key, params).extensions.code as string, message: renderMessage(key, params, language) };
}
