import type { ReferenceCopiesProbe, ReferenceCopyStatus } from '../freshness/reference-copy';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { declareSharedAnswers, type SharedAnswerDeclaration } from './shared-answers';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { errorBody, headersOf, refusal, statusOf } from '../errors/app-error';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { Caller } from '../auth/caller';
import { ReplayGuard } from '../auth/replay-guard';
import { SIGNED_CONTEXT_HEADER, matchesSignedBody, verifyContextHeader } from '../auth/signed-context';
import { scopeRequirementsFromSdl } from '../auth/scope-requirements';
import { useScopeEnforcement } from '../auth/use-scope-enforcement';
import { reportServedPersons, type CareRelationshipReader, type PersonDescriber } from '../persons/served-persons';
import { DEFAULT_SUBGRAPH_MAX_BODY_BYTES, type SubgraphConfig } from '../config/subgraph-config';
import { createFormatError } from './format-error';
import { createLogger } from './logger';
import { executeGraphQL, readBody, sendJson, toGraphQLRequest, BodyTooLargeError } from './graphql-http-handler';
import { listen, stopOnSignals, type RequestHandler, type RunningServer } from './http-server';
import { startTracing } from '../tracing/tracing';
import { tracedHandler } from '../tracing/traced-handler';

/**
 * What the kit needs of a subgraph's database: a readiness probe and a close.
 * TypeORM's `DataSource` is one; a subgraph on another store (the audit
 * subgraph on the audit trail) adapts its own.
 */
export type SubgraphDatabase = Pick<DataSource, 'isInitialized' | 'query' | 'destroy'>;

/** What a subgraph hands to {@link createSubgraphHandler}. */
export interface SubgraphServerOptions<TContext extends BaseContext> {
  config: Pick<SubgraphConfig, 'name' | 'logLevel' | 'production' | 'gatewayContext'>;
  schema: GraphQLSchema;
  dataSource: SubgraphDatabase;
  /** Defaults to a logger named after the subgraph. */
  logger?: Logger;
  /** A fresh context per request: request-scoped loaders live here; the caller is added by the kit. */
  createContext: (caller: Caller) => TContext;
  /** The largest body read for an ordinary call; 4 MiB by default. */
  maxBodyBytes?: number;
  /**
   * A larger body limit for callers the gateway signed with one of these
   * purposes (a subgraph that loads registry files): anyone else is held to
   * `maxBodyBytes`, and nobody's body is read before the signed context
   * holds.
   */
  largeBodies?: { purposes: readonly string[]; maxBodyBytes: number };
  /**
   * The registry of persons only (beneficiaries): completes the persons its
   * resolvers noted (`notePersons`) with their national id and the organisms
   * covering them, for the audit trail.
   */
  describePersons?: PersonDescriber;
  /**
   * The registry of persons only (beneficiaries): the care relationships the
   * gateway asks for beside a description (`CARE_RELATIONSHIPS_EXTENSION`),
   * before a record write.
   */
  careRelationships?: CareRelationshipReader;
  /**
   * The subgraph's copies of reference data and their freshness, listed by
   * `GET /readyz` (`referenceCopies`); a stale copy never fails readiness.
   */
  referenceCopies?: ReferenceCopiesProbe;
  /**
   * Entity fields whose answers depend only on some representation fields
   * (reference data, no person): their answers carry a notice that lets the
   * gateway reuse them for a while (`shared-answers.ts`).
   */
  sharedAnswers?: readonly SharedAnswerDeclaration[];
}

/** A subgraph's request context: its own, plus the verified caller. */
export type SubgraphContext<TContext> = TContext & { caller: Caller };

/** A built (not yet listening) subgraph: its Apollo server and its HTTP handler. */
export interface SubgraphHandler {
  apollo: ApolloServer<BaseContext>;
  handler: RequestHandler;
  /** Builds a request context for a caller, for in-process execution in tests. */
  createContext: (caller: Caller) => BaseContext;
  /**
   * Writes what the subgraph buffers in memory and stops its timers; called
   * on close after the last request has been answered, before the database
   * closes. Optional: most subgraphs buffer nothing.
   */
  drain?: () => Promise<void>;
}

/** Answers readiness: the database answers a trivial query. */
async function databaseReady(dataSource: SubgraphDatabase): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** The copies' freshness, or null when the probe fails (logged): readiness answers either way. */
async function referenceCopiesOrNull(probe: ReferenceCopiesProbe, logger: Logger): Promise<readonly ReferenceCopyStatus[] | null> {
  try {
    return await probe();
  } catch (error) {
    logger.warn({ err: error }, 'reference copies could not be read');
    return null;
  }
}

/**
 * Builds the HTTP face shared by every subgraph: `POST /graphql`, `GET /healthz`,
 * `GET /readyz`. Apollo Server is started here; nothing listens yet.
 */
export async function createSubgraphHandler<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphHandler> {
  const { production, gatewayContext } = options.config;
  const logger = options.logger ?? createLogger(options.config.name, options.config.logLevel);
  const apollo = new ApolloServer<SubgraphContext<TContext>>({
    schema: options.schema,
    // The process drains in-flight requests itself on SIGTERM (kit stopOnSignals); Apollo must not exit first.
    stopOnTerminationSignals: false,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: createFormatError(logger, production),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints: its per-field hook wrapped every resolver of every call; answers are never cached (executeGraphQL says no-store).
      ApolloServerPluginCacheControlDisabled(),
      useScopeEnforcement<SubgraphContext<TContext>>(
        scopeRequirementsFromSdl(printSubgraphSchema(options.schema)),
        (context) => context.caller.purposes,
      ),
      // The persons served or changed, for the gateway's audit event (it removes them before the client's answer).
      reportServedPersons<SubgraphContext<TContext>>(options.describePersons, logger, options.careRelationships),
      ...(options.sharedAnswers?.length ? [declareSharedAnswers<SubgraphContext<TContext>>(options.sharedAnswers)] : []),
    ],
  });
  await apollo.start();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_SUBGRAPH_MAX_BODY_BYTES;
  const { largeBodies } = options;
  const replays = new ReplayGuard();
  const bodyLimitFor = (caller: Caller): number =>
    largeBodies && caller.purposes.some((purpose) => largeBodies.purposes.includes(purpose)) ? largeBodies.maxBodyBytes : maxBodyBytes;
  const handler: RequestHandler = async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const ready = await databaseReady(options.dataSource);
      const copies = ready && options.referenceCopies ? await referenceCopiesOrNull(options.referenceCopies, logger) : null;
      return sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ready' : 'database unavailable',
        ...(copies && { referenceCopies: copies }),
      });
    }
    if (path !== '/graphql') return sendJson(res, 404, { error: 'not found' });
    // The signed context covers the body: an operation in a GET's URL would escape it.
    if (req.method !== 'POST') {
      const refused = refusal('SUBGRAPH_POST_ONLY', {}, { headers: { allow: 'POST' } });
      sendJson(res, statusOf(refused), errorBody(refused), headersOf(refused));
      req.resume();
      return;
    }
    // The signed context is checked before the body is read: an unsigned caller cannot make the subgraph
    // buffer anything, and the body's limit follows the purposes the gateway signed.
    const header = req.headers[SIGNED_CONTEXT_HEADER];
    const verified = verifyContextHeader(typeof header === 'string' ? header : undefined, {
      keys: gatewayContext.publicKeys,
      subgraph: options.config.name,
      clockSkewSeconds: gatewayContext.clockSkewSeconds,
    });
    if ('refused' in verified) {
      const refused = refusal(verified.refused, {}, { headers: { connection: 'close' } });
      sendJson(res, statusOf(refused), errorBody(refused), headersOf(refused));
      req.resume();
      return;
    }
    const limit = bodyLimitFor(verified.caller);
    let body: string;
    try {
      body = await readBody(req, limit);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const refused = refusal('REQUEST_TOO_LARGE', { max: limit }, { status: 413, headers: { connection: 'close' } });
      sendJson(res, statusOf(refused), errorBody(refused), headersOf(refused));
      req.resume();
      return;
    }
    if (!matchesSignedBody(verified, body)) {
      const refused = refusal('GATEWAY_CONTEXT_BODY_MISMATCH');
      return sendJson(res, statusOf(refused), errorBody(refused));
    }
    // Taken once: the same context and body sent again within its expiry (read off the network) is refused.
    if (verified.contextId !== null && !replays.firstUse(verified.contextId, verified.usableUntilMs)) {
      const refused = refusal('GATEWAY_CONTEXT_REPLAYED');
      return sendJson(res, statusOf(refused), errorBody(refused));
    }
    const { caller } = verified;
    const { httpGraphQLRequest } = toGraphQLRequest(req, body);
    await executeGraphQL(apollo, httpGraphQLRequest, res, async () => contextFor(caller));
  };
  const contextFor = (caller: Caller): SubgraphContext<TContext> => Object.assign(options.createContext(caller), { caller });
  return { apollo: apollo as unknown as ApolloServer<BaseContext>, handler, createContext: contextFor };
}

/** Listens on the configured address (over TLS when configured); `close` drains requests, stops Apollo and closes the database. */
export async function serveSubgraph(
  built: SubgraphHandler,
  dataSource: SubgraphDatabase,
  address: { host: string; port: number; logger: Logger; tls?: SubgraphConfig['tls'] },
): Promise<RunningServer> {
  const running = await listen(built.handler, address);
  return {
    ...running,
    close: async () => {
      await running.close();
      await built.apollo.stop();
      await built.drain?.();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** A built subgraph ready to listen. */
export interface BuiltSubgraph extends SubgraphHandler {
  dataSource: SubgraphDatabase;
}

/**
 * The whole `index.ts` of a subgraph: reads the configuration, builds the
 * app, listens, drains on SIGTERM, and exits with a clear message when the
 * start fails.
 */
export function runSubgraph<TConfig extends SubgraphConfig>(
  loadConfig: () => TConfig,
  build: (config: TConfig) => Promise<BuiltSubgraph>,
): void {
  const start = async () => {
    const config = loadConfig();
    const logger = createLogger(config.name, config.logLevel);
    const tracing = config.tracing ? await startTracing(config.tracing) : null;
    const app = await build(config);
    // Traced only when an OTLP endpoint is configured: otherwise the handler is the subgraph's own, untouched.
    const served = tracing ? { ...app, handler: tracedHandler(tracing, app.handler, ['/graphql']) } : app;
    const running = await serveSubgraph(served, app.dataSource, { host: config.host, port: config.port, logger, tls: config.tls });
    logger.info({ url: `${running.url}/graphql`, tracing: tracing !== null }, `${config.name} subgraph listening`);
    stopOnSignals(async () => {
      await running.close();
      await tracing?.shutdown();
    }, logger);
  };
  start().catch((error: unknown) => {
    process.stderr.write(`subgraph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
