import { ERROR_CATALOG, isErrorKey, renderMessage, type ErrorKey, type Language } from '@cmb/kit';
import type { GraphQLFormattedError } from 'graphql';
import { replaceNationalIdsInAnyCase } from '../../personal-arguments';
import type { GraphQLStep } from '../steps';

/** Apollo's codes for a document that does not parse or validate: their messages quote names and literals the client wrote. */
const DOCUMENT_CODES: ReadonlySet<unknown> = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

/**
 * A validation message that quotes a literal of the wrong type (graphql-js's
 * values-of-correct-type rule, a scalar's own refusal), and the type it
 * expected when the message names it.
 */
const WRONG_LITERAL =
  /^Expected value of type "([^"]+)"|^Value .* does not exist in "([^"]+)" enum|^(\w+) cannot represent|cannot represent/s;

/** A string token as the parser quotes it (`found String "…"`): the rest of the message after it is its full stop. */
const QUOTED_STRING = /((?:Block)?String) ".*"/s;

/**
 * graphql-js's own message when a validation rule gives up on a document past
 * its budget (the overlapping-fields check, a field asked thousands of times in
 * one selection): nothing in it says what to fix.
 */
const VALIDATION_ABORTED = 'Validation aborted.';

/** What the client is told of such a document: a limit of the catalogue's `QUERY_TOO_COMPLEX`. */
const ABORTED_LIMIT = 'too many fields of one name to compare in a selection (ask each field once)';

/** What stands in a message for a national id the client wrote in its document. */
const NATIONAL_ID_PLACEHOLDER = '<national id>';

/**
 * A parse or validation error as the client gets it: a literal of the wrong
 * type is named by where it is and what was expected, never by its value
 * (`INVALID_VALUE`, the code kept); any other message keeps the names it
 * quotes but not a string the parser did not expect (`found String`), a
 * national id among the names replaced (a CIN is a valid GraphQL name:
 * `person(nationalId: ZZ000001)`, a field or argument named after one).
 */
function withoutClientValues(error: GraphQLFormattedError, language: Language): GraphQLFormattedError {
  const literal = WRONG_LITERAL.exec(error.message);
  if (!literal) {
    return {
      ...error,
      message: replaceNationalIdsInAnyCase(error.message.replace(QUOTED_STRING, '$1'), () => NATIONAL_ID_PLACEHOLDER),
      extensions: withoutStack(error.extensions),
    };
  }
  const at = error.locations?.[0];
  return asInvalidValue(error, language, {
    field: at ? `line ${at.line}, column ${at.column}` : 'a value of the document',
    expected: literal[1] ?? literal[2] ?? literal[3] ?? 'the type declared in the schema',
  });
}

/** An error's extensions without the stack trace development adds: its first line repeats the message it replaces. */
function withoutStack(extensions: GraphQLFormattedError['extensions']): Record<string, unknown> {
  const { stacktrace: _stack, ...rest } = extensions ?? {};
  return rest;
}

/** An error told as `INVALID_VALUE` (the field and the form expected, never the value), its code kept. */
function asInvalidValue(
  error: GraphQLFormattedError,
  language: Language,
  params: { field: string; expected: string },
): GraphQLFormattedError {
  return {
    ...error,
    message: renderMessage('INVALID_VALUE', params, language),
    extensions: { ...withoutStack(error.extensions), reason: 'INVALID_VALUE', params },
  };
}

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
 * names the field only; so are those of a literal of the wrong type in the
 * document, and a national id quoted by any other parse or validation
 * message is replaced; a document validation gave up on is told as
 * `QUERY_TOO_COMPLEX`, with what to change.
 */
export function renderErrorLanguage(): GraphQLStep {
  return {
    willSendResponse({ response, contextValue }) {
      if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
      const language = contextValue.language;
      response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
        const key = keyOf(error.extensions);
        if (!key && error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && error.message === VALIDATION_ABORTED) {
          const params = { limit: ABORTED_LIMIT };
          const extensions = { ...withoutStack(error.extensions), code: 'QUERY_TOO_COMPLEX', reason: 'QUERY_TOO_COMPLEX', params };
          return { ...error, message: renderMessage('QUERY_TOO_COMPLEX', params, language), extensions };
        }
        if (!key && DOCUMENT_CODES.has(error.extensions?.code)) return withoutClientValues(error, language);
        if (!key && error.extensions?.code === 'BAD_USER_INPUT') {
          // Coercion messages quote the value sent, which may be a national id: name the field only.
          return asInvalidValue(error, language, { field: fieldOf(error.message), expected: 'the type declared in the schema' });
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
