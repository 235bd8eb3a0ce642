import { ERROR_CATALOG, isErrorKey, renderMessage, type ErrorKey } from '@cmb/kit';
import type { GraphQLStep } from '../steps';

/** The catalogue key of an error: its precise reason when given, else its code when that is a key. */
function keyOf(extensions: Record<string, unknown> | undefined): ErrorKey | null {
  if (!extensions) return null;
  if (isErrorKey(extensions.reason)) return extensions.reason;
  return isErrorKey(extensions.code) && ERROR_CATALOG[extensions.code].code === extensions.code ? extensions.code : null;
}

/** Where a coercion error points (`at "input.date"`), without the offending value. */
function fieldOf(message: string): string {
  return /at "([^"]+)"/.exec(message)?.[1] ?? /Variable "\$(\w+)"/.exec(message)?.[1] ?? 'variables';
}

/**
 * Renders every catalogued error in the caller's language (Accept-Language;
 * French by default). Codes never change; only messages do. Input
 * coercion messages, which quote the value sent, are replaced by one that
 * names the field only.
 */
export function renderErrorLanguage(): GraphQLStep {
  return {
    willSendResponse({ response, contextValue }) {
      if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
      const language = contextValue.language;
      response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
        const key = keyOf(error.extensions);
        if (!key && error.extensions?.code === 'BAD_USER_INPUT') {
          // Coercion messages quote the value sent, which may be a national id: name the field only.
          const params = { field: fieldOf(error.message), expected: 'the type declared in the schema' };
          return {
            ...error,
            message: renderMessage('INVALID_VALUE', params, language),
            extensions: { ...error.extensions, reason: 'INVALID_VALUE', params },
          };
        }
        if (!key) return error;
        const params = (error.extensions?.params ?? {}) as Record<string, string | number>;
        // The code follows the catalogue (a refusal raised during validation arrives coded by Apollo).
        return {
          ...error,
          message: renderMessage(key, params, language),
          extensions: { ...error.extensions, code: ERROR_CATALOG[key].code },
        };
      });
    },
  };
}
