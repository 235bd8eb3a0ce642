import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { scopeRequirementsFromSdl, type ScopeRequirements } from '@cmb/kit';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context/gateway-context';
import { inaccessibleFields } from './inaccessible-fields';

/** What Apollo Server takes as a gateway. */
export type GatewayInterface = ApolloServerOptionsWithGateway<GatewayContext>['gateway'];

/** How Apollo Server runs an operation on a gateway. */
export type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/** Where a supergraph comes from and what the registry says of it. */
export interface SupergraphOrigin {
  /** The registry's version; null for the supergraph composed at build time. */
  version: number | null;
  /** SHA-256 of the SDL, hex. */
  sha256: string;
  source: 'registry' | 'build';
  /** The subgraphs that are not national, by name, and the organisation each answers for (its owner). */
  ogOwners: ReadonlyMap<string, string>;
}

/**
 * One loaded supergraph and everything derived from it: the client-facing
 * schema, the query planner and executor, the purposes each field needs
 * (scope requirements, which the purpose check and the audit's field
 * classification read), the fields hidden from clients, and the route of
 * each subgraph. A request runs from start to end on one generation.
 */
export interface SupergraphGeneration extends SupergraphOrigin {
  sdl: string;
  schema: GraphQLSchema;
  executor: GatewayExecutor;
  requirements: ScopeRequirements;
  hiddenFields: ReadonlySet<string>;
  /** Subgraph name → the URL it is routed to. */
  routes: Readonly<Record<string, string>>;
  /** When it was loaded (ISO). */
  loadedAt: string;
  stop(): Promise<void>;
}

/** A subgraph's data source, and the URL it is routed to (an override of the supergraph's, or its own). */
export type SubgraphService = (definition: { name: string; url?: string }) => { dataSource: GraphQLDataSource; url: string };

/**
 * Loads a supergraph into a generation of its own: an `ApolloGateway` on
 * that SDL alone (schema, query planner), whose subgraph data sources come
 * from `service` (shared by every generation, so a swap keeps the
 * connection pools). Throws when the supergraph does not load, leaving the
 * generation served so far untouched.
 */
export async function loadGeneration(
  sdl: string,
  origin: SupergraphOrigin,
  service: SubgraphService,
  logger: Logger,
): Promise<SupergraphGeneration> {
  const routes: Record<string, string> = {};
  const gateway = new ApolloGateway({
    supergraphSdl: sdl,
    logger,
    // Its spans (gateway.request, .plan, .execute, .fetch, ...) carry the operation's name and type only:
    // never the document (its literals may be a national id) nor the errors' messages (they may quote a variable).
    telemetry: { includeDocument: false, recordExceptions: false },
    buildService: (definition) => {
      const built = service(definition);
      routes[definition.name] = built.url;
      return built.dataSource;
    },
  });
  const { schema, executor } = await gateway.load();
  if (!schema) throw new Error('the supergraph gave no schema');
  return {
    ...origin,
    sdl,
    schema,
    executor: executor as GatewayExecutor,
    requirements: scopeRequirementsFromSdl(sdl),
    hiddenFields: inaccessibleFields(sdl),
    routes,
    loadedAt: new Date().toISOString(),
    stop: () => gateway.stop(),
  };
}
