import { buildSubgraphSchema } from '@apollo/subgraph';
import type { BaseContext } from '@apollo/server';
import {
  createLogger,
  createSubgraphHandler,
  listen,
  type RunningServer,
  type SubgraphConfig,
  type SubgraphDatabase,
  type SubgraphServerOptions,
} from '@cmb/kit';
import { parse } from 'graphql';

/** The one query of the echo subgraph: who the subgraph believes is asking. */
export const WHO_AM_I = '{ whoAmI { clientId purposes } }';

/**
 * A subgraph served by the kit's own HTTP face (signed-context check, TLS
 * when configured) whose one field echoes the verified caller: what the
 * tests of the subgraph's defences and of the gateway's subgraph client
 * call. No database. Counts the requests its handler saw and the TLS
 * handshakes it refused.
 */
export async function startEchoSubgraph(
  config: Pick<SubgraphConfig, 'name' | 'gatewayContext' | 'tls'>,
  bodies: Pick<SubgraphServerOptions<BaseContext>, 'maxBodyBytes' | 'largeBodies'> = {},
): Promise<RunningServer & { requests: () => number; refusedHandshakes: () => number }> {
  const schema = buildSubgraphSchema({
    typeDefs: parse('type Query { whoAmI: Caller } type Caller { clientId: String! purposes: [String!]! }'),
    resolvers: { Query: { whoAmI: (_root: unknown, _args: unknown, context: unknown) => (context as { caller: unknown }).caller } },
  });
  const logger = createLogger(config.name, 'silent');
  const built = await createSubgraphHandler({
    config: { ...config, logLevel: 'silent', production: false },
    schema,
    dataSource: { isInitialized: true, query: (async () => []) as SubgraphDatabase['query'], destroy: async () => undefined },
    logger,
    createContext: () => ({}),
    ...bodies,
  });
  let requests = 0;
  const running = await listen(
    (req, res) => {
      requests += 1;
      return built.handler(req, res);
    },
    { host: '127.0.0.1', port: 0, logger, tls: config.tls, acceptAfterStopMs: 0, drainTimeoutMs: 1_000 },
  );
  let refusedHandshakes = 0;
  running.server.on('tlsClientError', () => (refusedHandshakes += 1));
  return {
    ...running,
    requests: () => requests,
    refusedHandshakes: () => refusedHandshakes,
    close: async () => {
      await running.close();
      await built.apollo.stop();
    },
  };
}
