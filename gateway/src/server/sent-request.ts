import type { SentRequest } from '../access-audit/refused-request';

/** A persisted query's hash in a request's extensions (`{ persistedQuery: { sha256Hash } }`), as sent. */
function persistedHashOf(extensions: unknown): unknown {
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  return persisted && typeof persisted === 'object' ? persisted.sha256Hash : undefined;
}

/** Reads a JSON parameter of a GET's query string; undefined when it is absent or not JSON. */
function jsonParameter(search: URLSearchParams, name: string): unknown {
  const text = search.get(name);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A GraphQL-over-HTTP request as the client sent it, from its JSON body
 * (POST) or its query string (GET), with the variables already read: what
 * the audit of a refusal made before Apollo ran it reads.
 */
export function sentRequest(body: unknown, search: URLSearchParams, variables: unknown): SentRequest {
  if (body && typeof body === 'object') {
    const { query, operationName, extensions } = body as { query?: unknown; operationName?: unknown; extensions?: unknown };
    return { query, operationName, variables, persistedHash: persistedHashOf(extensions) };
  }
  return {
    query: search.get('query') ?? undefined,
    operationName: search.get('operationName') ?? undefined,
    variables,
    persistedHash: persistedHashOf(jsonParameter(search, 'extensions')),
  };
}
