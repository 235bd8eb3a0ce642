import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';

/** Thrown when a request body exceeds the configured limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

/** Thrown when a request body has not arrived whole within its deadline. */
export class BodyTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`request body not received within ${timeoutMs} ms`);
  }
}

/**
 * Reads a request body as text, refusing more than `limit` bytes, and, with
 * `timeoutMs`, a body not received whole by then (a client trickling a body
 * holds what it sent in memory). On refusal the stream is left intact so the
 * caller can still answer (with `connection: close`) and let the rest drain.
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            cleanup();
            chunks.length = 0;
            reject(new BodyTimeoutError(timeoutMs));
          }, timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Converts Node's headers to Apollo's header map (lower-case names). */
export function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Writes a JSON body with a status and extra headers, never to be cached (`no-store`). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Parses a JSON body; an empty or malformed body becomes `undefined` for Apollo to reject. */
function parseJsonBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A parsed GraphQL-over-HTTP request, before Apollo executes it. */
export interface ParsedGraphQLRequest {
  httpGraphQLRequest: HTTPGraphQLRequest;
  search: URLSearchParams;
}

/** Builds Apollo's request object from a Node request whose body has been read. */
export function toGraphQLRequest(req: IncomingMessage, bodyText: string): ParsedGraphQLRequest {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = toHeaderMap(req);
  const isJson = (headers.get('content-type') ?? '').includes('json');
  return {
    search: url.searchParams,
    httpGraphQLRequest: {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: url.search,
      body: isJson ? parseJsonBody(bodyText) : bodyText,
    },
  };
}

/** Executes a GraphQL-over-HTTP request with Apollo Server and writes its response, never to be cached (`no-store`). */
export async function executeGraphQL<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  request: HTTPGraphQLRequest,
  res: ServerResponse,
  context: () => Promise<TContext>,
): Promise<void> {
  const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context });
  res.statusCode = response.status ?? 200;
  res.setHeader('cache-control', 'no-store');
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
