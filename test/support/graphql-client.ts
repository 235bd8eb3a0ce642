/** A GraphQL-over-HTTP answer as the end-to-end tests read it. */
export interface GraphQLAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

/** POSTs an operation to a GraphQL endpoint. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLAnswer<T>['body'] };
}

/** Sends an operation over GET, as GraphQL over HTTP allows for queries. */
export async function getGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer> {
  const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
  const response = await fetch(`${url}?${search}`, {
    headers: { accept: 'application/json', 'apollo-require-preflight': 'true', ...headers },
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLAnswer['body'] };
}
