// Peer contestant: Hive Gateway (@graphql-hive/gateway) on the same
// supergraph, programmatic runtime served by node:http. Request merging
// (deduplication of identical in-flight subgraph requests) is OFF, so every
// gateway request reaches the subgraphs. With HIVE_ROUTER_RUNTIME=1 the query
// planner is @graphql-hive/router-runtime's unifiedGraphHandler. When the
// subgraphs require a gateway's signed context (CMB_CONTEXT_PRIVATE_KEY and
// CMB_CONTEXT_KEY_ID set by the benchmark), a plugin signs each subgraph
// request as this project's gateway does (for its subgraph and its body).
// Environment: PORT, SUPERGRAPH_PATH, HIVE_ROUTER_RUNTIME (0|1), CMB_CONTEXT_PRIVATE_KEY and CMB_CONTEXT_KEY_ID (optional).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { CONTEXT_HEADER, peerSigner } from './signed-context.mjs';

const port = Number(process.env.PORT);
const routerRuntime = process.env.HIVE_ROUTER_RUNTIME === '1';
const sign = peerSigner();

/** Subgraph names by routing URL, from the supergraph's join__graph directives: for requests that do not name theirs. */
const namesByUrl = new Map(
  [...readFileSync(process.env.SUPERGRAPH_PATH, 'utf8').matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map(
    ([, name, url]) => [url, name],
  ),
);

/** Signs each subgraph request once its body is serialized (the `onFetch` hook, as Hive's own request-signing plugins do). */
const useSignedContext = () => ({
  onFetch({ url, options, setOptions, executionRequest }) {
    if (typeof options.body !== 'string') return;
    const subgraph = executionRequest?.subgraphName ?? namesByUrl.get(url);
    if (!subgraph) throw new Error(`no subgraph is routed to ${url}`);
    const context = sign(subgraph, options.body);
    let headers;
    if (options.headers instanceof Headers) {
      headers = new Headers(options.headers);
      headers.set(CONTEXT_HEADER, context);
    } else {
      headers = { ...options.headers, [CONTEXT_HEADER]: context };
    }
    setOptions({ ...options, headers });
  },
});

const gateway = createGatewayRuntime({
  supergraph: process.env.SUPERGRAPH_PATH,
  logging: 'warn',
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  ...(routerRuntime && { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler }),
  ...(sign && { plugins: () => [useSignedContext()] }),
});
const server = createServer(gateway);
server.listen(port, '127.0.0.1', () =>
  console.log(`hive${routerRuntime ? ' + router-runtime' : ''} ready at http://127.0.0.1:${port}/graphql`),
);

// Hive may take its time to dispose: exit within a bound whatever happens.
const stop = () => {
  setTimeout(() => process.exit(0), 3_000).unref();
  server.close();
  Promise.resolve(gateway[Symbol.asyncDispose]?.()).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
