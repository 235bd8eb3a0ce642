import { GraphQLError } from 'graphql';
import { ERROR_CATALOG, type ErrorKey, type Language } from './error-catalog';

/** Non-personal values substituted into a message template. */
export type ErrorParams = Record<string, string | number>;

/** Fills `{name}` placeholders of a template from params. */
function fill(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message of an error key in one language. */
export function renderMessage(key: ErrorKey, params: ErrorParams = {}, language: Language = 'fr'): string {
  return fill(ERROR_CATALOG[key].messages[language], params);
}

/**
 * A GraphQL error for a catalogue key: `extensions.code` is the stable code,
 * `extensions.reason` the precise key and `extensions.params` what the gateway
 * needs to render the message again in the caller's language.
 */
export function appError(key: ErrorKey, params: ErrorParams = {}): GraphQLError {
  return new GraphQLError(renderMessage(key, params), {
    extensions: { code: ERROR_CATALOG[key].code, reason: key, params },
  });
}

/** True when the value is a catalogue key. */
export function isErrorKey(value: unknown): value is ErrorKey {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOG, value);
}
