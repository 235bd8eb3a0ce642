// Peer contestant: stock @apollo/gateway on the same supergraph, served by
// @apollo/server's startStandaloneServer, default settings (default
// RemoteGraphQLDataSource and fetcher, no plugins). When the subgraphs require
// the gateway's signed context (CMB_CONTEXT_SECRET set by the benchmark), the
// data source adds that one header and nothing else.
// Environment: PORT, SUPERGRAPH_PATH, CMB_CONTEXT_SECRET (optional).
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CONTEXT_HEADER, contextSigner } from './signed-context.mjs';

const port = Number(process.env.PORT);
const supergraphSdl = readFileSync(process.env.SUPERGRAPH_PATH, 'utf8');
const signedContext = process.env.CMB_CONTEXT_SECRET ? contextSigner(process.env.CMB_CONTEXT_SECRET) : null;

const gateway = new ApolloGateway({
  supergraphSdl,
  ...(signedContext && {
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request }) {
          request.http.headers.set(CONTEXT_HEADER, signedContext());
        },
      }),
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
