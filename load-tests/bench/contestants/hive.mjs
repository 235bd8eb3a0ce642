// Peer contestant: Hive Gateway (@graphql-hive/gateway) on the same
// supergraph, programmatic runtime served by node:http. Request merging
// (deduplication of identical in-flight subgraph requests) is OFF, so every
// gateway request reaches the subgraphs. With HIVE_ROUTER_RUNTIME=1 the query
// planner is @graphql-hive/router-runtime's unifiedGraphHandler.
// Environment: PORT, SUPERGRAPH_PATH, HIVE_ROUTER_RUNTIME (0|1), CMB_CONTEXT_SECRET (optional).
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { CONTEXT_HEADER, contextSigner } from './signed-context.mjs';

const port = Number(process.env.PORT);
const routerRuntime = process.env.HIVE_ROUTER_RUNTIME === '1';
const signedContext = process.env.CMB_CONTEXT_SECRET ? contextSigner(process.env.CMB_CONTEXT_SECRET) : null;

const gateway = createGatewayRuntime({
  supergraph: process.env.SUPERGRAPH_PATH,
  logging: 'warn',
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  ...(routerRuntime && { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler }),
  ...(signedContext && { propagateHeaders: { fromClientToSubgraphs: () => ({ [CONTEXT_HEADER]: signedContext() }) } }),
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
