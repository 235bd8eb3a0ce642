import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context/gateway-context';
import { createFhirFacade } from '../fhir/fhir-routes';
import type { HttpExchange } from '../pipeline';

/** A request to the facade without a socket: its method and URL, and the status it was answered with. */
function exchangeOf(method: string, url: string): { exchange: HttpExchange; status: () => number | null } {
  let status: number | null = null;
  const req = { method, url, headers: {}, resume: () => undefined } as unknown as IncomingMessage;
  const res = {
    writeHead: (code: number) => {
      status = code;
      return res;
    },
    end: () => res,
  } as unknown as ServerResponse;
  return { exchange: { req, res, requestId: 'r', language: 'en', caller: null, body: '' }, status: () => status };
}

describe('the FHIR facade routes', () => {
  // Never reached by these requests: they are refused before any check runs.
  const facade = createFhirFacade({ apollo: {} as ApolloServer<GatewayContext>, steps: [], metadataSteps: [] });

  it.each([
    { route: '/fhir/r4/metadata', status: 200 },
    { route: '/fhir/r4/metadata/', status: 200 },
    { route: '/fhir/r4/metadata//', status: 200 },
    { route: '/fhir/r4/Patient', status: 404 },
  ])('GET $route: $status', async ({ route, status }) => {
    const { exchange, status: answered } = exchangeOf('GET', route);
    await facade(exchange, route);
    expect(answered()).toBe(status);
  });

  it('reads a path of many slashes in linear time (a request line of slashes cannot hold the event loop)', async () => {
    const route = `/fhir${'/'.repeat(100_000)}x`;
    const { exchange, status } = exchangeOf('GET', route);
    const started = performance.now();
    await facade(exchange, route);
    expect(status()).toBe(404);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
