import type { GraphQLSchema } from 'graphql';
import type { GatewayExecutor, GatewayInterface, SupergraphGeneration, SupergraphOrigin } from './supergraph-generation';

type SchemaListener = Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0];

/**
 * The gateway Apollo Server runs on: the supergraph generation served now,
 * swapped atomically for a new one. Apollo Server takes the new schema for
 * the requests that arrive after the swap, and each request is executed by
 * the generation whose schema it was validated against (`executor` picks it
 * by the request's schema), so a request in flight finishes on the
 * supergraph it started on, with that supergraph's query planner and subgraph
 * routes, and the checks it passed read that supergraph's requirements (`of`).
 *
 * Why not `ApolloGateway`'s own update (`supergraphSdl` as a function whose
 * `update` callback swaps the supergraph in place): its executor reads the
 * schema, query planner and routes of the moment it executes, not of the
 * moment the request was validated, so an operation still in its checks
 * (the audit intent, the attachments lookup) when a new supergraph lands
 * would be planned on the new one after passing the old one's checks. Each
 * generation is an `ApolloGateway` of its own on one static supergraph; they
 * share the data sources.
 */
export class SupergraphGenerations implements GatewayInterface {
  private current: SupergraphGeneration;
  private readonly bySchema = new WeakMap<GraphQLSchema, SupergraphGeneration>();
  private readonly listeners = new Set<SchemaListener>();

  constructor(first: SupergraphGeneration) {
    this.current = first;
    this.bySchema.set(first.schema, first);
  }

  /** The generation served to new requests. */
  get latest(): SupergraphGeneration {
    return this.current;
  }

  /** The generation a request validated against this schema runs on (the latest for a schema it does not know). */
  of(schema: GraphQLSchema | undefined): SupergraphGeneration {
    return (schema && this.bySchema.get(schema)) || this.current;
  }

  /** Serves a new generation to the requests that arrive from now on; those in flight finish on theirs. */
  swap(next: SupergraphGeneration): void {
    this.bySchema.set(next.schema, next);
    this.current = next;
    this.notify();
  }

  /** Records what the registry says of the supergraph served (the same SDL), without reloading anything. */
  relabel(origin: SupergraphOrigin): void {
    const next = { ...this.current, ...origin };
    this.bySchema.set(next.schema, next);
    this.current = next;
  }

  private notify(): void {
    for (const listener of this.listeners) listener({ apiSchema: this.current.schema, coreSupergraphSdl: this.current.sdl });
  }

  onSchemaLoadOrUpdate(callback: SchemaListener): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  async load(): Promise<{ schema: GraphQLSchema; executor: GatewayExecutor }> {
    this.notify();
    return { schema: this.current.schema, executor: this.executor };
  }

  readonly executor: GatewayExecutor = (request) => this.of(request.schema).executor(request);

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.current.stop();
  }
}
