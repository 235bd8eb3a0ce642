/** The deepest nesting of arrays and objects a request's variables may have: far beyond any input of the schema (a batch is four levels). */
export const MAX_VARIABLES_DEPTH = 32;

/**
 * True when a value nests arrays or objects deeper than `max` levels, read
 * without recursion (a JSON body of 1 MiB can nest 500,000 levels, deeper
 * than any recursive walk of the gateway's steps could follow).
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= max) return true;
    const inner = Array.isArray(next.value) ? next.value : Object.values(next.value);
    for (const item of inner) if (item !== null && typeof item === 'object') pending.push({ value: item, depth: next.depth + 1 });
  }
  return false;
}

/**
 * The variables of a GraphQL-over-HTTP request, from its JSON body (POST) or
 * its query string (GET), when they can be read; undefined otherwise (Apollo
 * answers a malformed request itself).
 */
export function requestVariables(body: unknown, search: URLSearchParams): unknown {
  if (body && typeof body === 'object' && 'variables' in body) return (body as { variables?: unknown }).variables;
  const text = search.get('variables');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
