// Peer contestant: stock @apollo/gateway on the same supergraph, served by
// @apollo/server's startStandaloneServer, default settings (default
// RemoteGraphQLDataSource and its default fetcher, no plugins). When the
// subgraphs require a gateway's signed context (CMB_CONTEXT_PRIVATE_KEY and
// CMB_CONTEXT_KEY_ID set by the benchmark), each subgraph request is signed
// as this project's gateway signs it (for its subgraph and its body) and
// carries that one header more; nothing else changes.
// Environment: PORT, SUPERGRAPH_PATH, CMB_CONTEXT_PRIVATE_KEY and CMB_CONTEXT_KEY_ID (optional).
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CONTEXT_HEADER, peerSigner } from './signed-context.mjs';

const port = Number(process.env.PORT);
const supergraphSdl = readFileSync(process.env.SUPERGRAPH_PATH, 'utf8');
const sign = peerSigner();

const gateway = new ApolloGateway({
  supergraphSdl,
  ...(sign && {
    // The body exists only once the data source serializes the request: sign it in the (default) fetcher.
    buildService: ({ name, url }) => {
      const source = new RemoteGraphQLDataSource({ url });
      const fetcher = source.fetcher;
      source.fetcher = (target, init) =>
        fetcher(target, { ...init, headers: { ...init.headers, [CONTEXT_HEADER]: sign(name, init.body) } });
      return source;
    },
  }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
console.log(`apollo-stock ready at ${url}`);

const stop = () => {
  setTimeout(() => process.exit(0), 3_000).unref();
  server.stop().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
