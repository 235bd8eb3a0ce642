import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contextSigner, DEVELOPMENT_CONTEXT_KEY, SIGNED_CONTEXT_HEADER, type Caller, type RequestHandler } from '@cmb/kit';
import { testCaller } from './test-caller';

/** A GraphQL answer as a subgraph sends it over HTTP. */
export interface SubgraphAnswer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

/** A subgraph listening on a loopback port, called the way the gateway calls it. */
export interface SignedSubgraph {
  /** Posts an operation with a caller context signed as the gateway signs it (the rest of the caller from `testCaller`). */
  post(query: string, variables: Record<string, unknown>, caller: Partial<Caller>): Promise<SubgraphAnswer>;
  close(): Promise<void>;
}

/**
 * Serves a built subgraph's HTTP handler on a loopback port, so a test sends
 * an operation (an `_entities` query, say) straight to the subgraph, past the
 * gateway, with nothing but a caller context the gateway could have signed
 * (the development key, for this subgraph and this body):
 * what a subgraph must defend against on every entry.
 */
export async function signedSubgraph(handler: RequestHandler, subgraph: string): Promise<SignedSubgraph> {
  const signer = contextSigner({ keyId: DEVELOPMENT_CONTEXT_KEY.keyId, privateKey: DEVELOPMENT_CONTEXT_KEY.privateKey, ttlSeconds: 10 });
  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    async post(query, variables, caller) {
      const body = JSON.stringify({ query, variables });
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNED_CONTEXT_HEADER]: signer.sign(testCaller(caller), subgraph, body) },
        body,
      });
      return { status: response.status, body: (await response.json()) as SubgraphAnswer['body'] };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
