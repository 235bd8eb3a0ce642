import { HeaderMap } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ERROR_CATALOG, ERROR_CODES, type ErrorCode, type ErrorKey, type Language } from './error-catalog';

/** Non-personal values substituted into a message template. */
export type ErrorParams = Record<string, string | number>;

/**
 * The HTTP status of an answer refused as a whole, by code: a refusal before
 * execution (authentication, purposes, limits, method, rate, audit) is not a
 * 200 with errors. Errors raised while resolving keep GraphQL's 200.
 */
export const REFUSAL_STATUS: Readonly<Partial<Record<ErrorCode, number>>> = {
  BAD_USER_INPUT: 400,
  QUERY_TOO_COMPLEX: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
  AUDIT_UNAVAILABLE: 503,
};

/** How an error is raised: its language, HTTP status and headers, and extensions beyond code, reason and params. */
export interface AppErrorOptions {
  /** The language of the message (French by default; the gateway renders it again in the asker's). */
  language?: Language;
  /** The HTTP status of the whole answer; set for refusals, absent for errors raised while resolving. */
  status?: number;
  /** HTTP headers of the answer (`Retry-After`, `Allow`, `WWW-Authenticate`). */
  headers?: Record<string, string>;
  /** Extensions beyond code, reason and params, such as `refusedPaths`. */
  extensions?: Record<string, unknown>;
}

/** Fills `{name}` placeholders of a template from params. */
function fill(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message of an error key in one language. */
export function renderMessage(key: ErrorKey, params: ErrorParams = {}, language: Language = 'fr'): string {
  return fill(ERROR_CATALOG[key].messages[language], params);
}

/**
 * The one way to raise an error: a GraphQL error for a catalogue key, with
 * `extensions.code` the stable code, `extensions.reason` the precise key and
 * `extensions.params` what the gateway needs to render the message again in
 * the caller's language; with `status`, Apollo answers with that HTTP status.
 */
export function appError(key: ErrorKey, params: ErrorParams = {}, options: AppErrorOptions = {}): GraphQLError {
  const extensions: Record<string, unknown> = { code: ERROR_CATALOG[key].code, reason: key, params, ...options.extensions };
  if (options.status !== undefined) {
    extensions.http = { status: options.status, headers: new HeaderMap(Object.entries(options.headers ?? {})) };
  }
  return new GraphQLError(renderMessage(key, params, options.language), { extensions });
}

/** A refusal of the whole request: {@link appError} with the HTTP status of its code ({@link REFUSAL_STATUS}) unless one is given. */
export function refusal(key: ErrorKey, params: ErrorParams = {}, options: AppErrorOptions = {}): GraphQLError {
  return appError(key, params, { ...options, status: options.status ?? REFUSAL_STATUS[ERROR_CATALOG[key].code] ?? 400 });
}

/** The HTTP status a refusal carries (400 when it names none). */
export function statusOf(error: GraphQLError): number {
  const http = error.extensions.http as { status?: unknown } | undefined;
  return typeof http?.status === 'number' ? http.status : 400;
}

/** The HTTP headers a refusal carries. */
export function headersOf(error: GraphQLError): Record<string, string> {
  const http = error.extensions.http as { headers?: HeaderMap } | undefined;
  return http?.headers ? Object.fromEntries(http.headers) : {};
}

/** An error as a response carries it (`message`, `path`, `extensions`), without the HTTP details. */
export function formattedError(error: GraphQLError, path?: GraphQLFormattedError['path']): GraphQLFormattedError {
  const { http: _http, ...extensions } = error.extensions;
  return path ? { message: error.message, path, extensions } : { message: error.message, extensions };
}

/**
 * The GraphQL-over-HTTP body of a refusal answered before GraphQL runs:
 * `{ errors: [{ message, extensions }] }` without the HTTP details.
 */
export function errorBody(error: GraphQLError): { errors: GraphQLFormattedError[] } {
  return { errors: [formattedError(error)] };
}

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** True when the value is one of the catalogue's codes (an answer from elsewhere may carry any string there). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

/** True when the value is a catalogue key. */
export function isErrorKey(value: unknown): value is ErrorKey {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOG, value);
}
