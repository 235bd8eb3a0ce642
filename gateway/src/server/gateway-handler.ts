import type { ApolloServer } from '@apollo/server';
import { errorBody, executeGraphQL, headersOf, refusal, sendJson, statusOf, toGraphQLRequest, type RequestHandler } from '@cmb/kit';
import { GraphQLError } from 'graphql';
import type { EdgeRefusalAudit } from '../access-audit/edge-refusals';
import { recordRefusedRequest } from '../access-audit/refused-request';
import type { GatewayContext } from '../context/gateway-context';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { RegistryStatus } from '../supergraph/supergraph-follower';
import { FHIR_ROUTES, type FhirFacade } from '../fhir/fhir-routes';
import { runHttpSteps, type HttpExchange, type HttpStep } from '../pipeline';
import { MAX_VARIABLES_DEPTH, nestedDeeperThan, requestVariables } from '../pipeline/http/variables-depth';
import { staleCopies } from './reference-copies';
import { dropUnreadBodyWithin } from './unread-body';
import { requestContext } from './request-context';
import { sentRequest } from './sent-request';
import type { SubgraphReadiness } from './subgraph-readiness';

/** What the HTTP face of the gateway needs. */
export interface GatewayHandlerOptions {
  apollo: ApolloServer<GatewayContext>;
  metrics: GatewayMetrics;
  readiness: SubgraphReadiness;
  /** Whether the audit trail can be written (always true with the audit off): personal data is refused while it cannot. */
  auditAvailable: () => boolean;
  isLoaded: () => boolean;
  /** The supergraph served: its registry version (null for the build-time one), hash, source, load time, and the OGs' subgraphs in it. */
  supergraph: () => { version: number | null; sha256: string; source: string; loadedAt: string; ogSubgraphs: string[] };
  /** What the gateway knows of the registry it follows; null when it follows none. */
  registry: () => RegistryStatus | null;
  /** Where the rate limits are counted: `degraded` (the shared store is down, limits per replica) never fails readiness. */
  rateLimits: () => 'memory' | 'shared' | 'degraded';
  /** The HTTP steps (`pipeline/index.ts`): those of every route, then those of `/graphql`. */
  steps: { everyRoute: readonly HttpStep[]; graphql: readonly HttpStep[] };
  /** The FHIR R4 facade, served under `/fhir/` (`fhir/fhir-routes.ts`). */
  fhir: FhirFacade;
  /** Records a request refused before Apollo ran it (variables nested past the bound); null with the audit off. */
  auditRefusal: EdgeRefusalAudit | null;
  /** How long the rest of a body may take to arrive after the request was answered without reading it (`BODY_TIMEOUT_MS`). */
  bodyTimeoutMs: number;
}

const ROUTES = new Set(['/graphql', '/healthz', '/readyz', ...FHIR_ROUTES]);

/**
 * The gateway's public routes: `/graphql` (the HTTP steps, then Apollo with
 * the GraphQL steps), `/healthz`, `/readyz`; `/metrics` has a port of its own
 * ({@link createMetricsHandler}). A refusal of an HTTP
 * step is answered with its status and headers; the rest of the body is
 * drained. No URL, header value or variable is logged.
 */
export function createGatewayHandler(options: GatewayHandlerOptions): RequestHandler {
  return async (req, res) => {
    const exchange: HttpExchange = { req, res, requestId: '', language: 'fr', caller: null, body: '' };
    // An answer given before the body was read (a refusal, an unknown route) waits for the rest of it no longer than an admitted body may take.
    res.once('finish', () => dropUnreadBodyWithin(req, options.bodyTimeoutMs));
    await runHttpSteps(options.steps.everyRoute, exchange);
    // A step of every route may answer by itself (the consoles' CORS preflight).
    if (res.writableEnded) return;
    const route = (req.url ?? '/').split('?')[0] ?? '/';
    res.on('finish', () =>
      options.metrics.httpRequests.inc({ route: ROUTES.has(route) ? route : 'other', status: String(res.statusCode) }),
    );

    if (route === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (route === '/readyz') {
      const { reachable: subgraphs, referenceCopies } = await options.readiness.probe();
      const audit = options.auditAvailable();
      const supergraph = options.supergraph();
      // Ready on this replica's own state: a subgraph that is down is down for every replica, and taking them all out
      // of service would answer nothing, not even the coverage without the pathway (the contract's degraded answer)
      // or SUBGRAPH_UNAVAILABLE; it is named below, and each answer says what it could not read.
      const ready = options.isLoaded() && audit;
      // A stale reference copy is named, never a reason to stop taking traffic: answers say which version they used.
      // An unreachable registry neither: the last good supergraph is served, and said so.
      return sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ready' : 'not ready',
        supergraphLoaded: options.isLoaded(),
        supergraph,
        registry: options.registry() ?? { following: false },
        subgraphs,
        auditStore: audit,
        rateLimits: options.rateLimits(),
        staleReferenceCopies: staleCopies(referenceCopies),
        referenceCopies,
      });
    }
    if (route === '/fhir' || route.startsWith('/fhir/')) return options.fhir(exchange, route);
    if (route !== '/graphql') return sendJson(res, 404, { error: 'not found' });

    try {
      await runHttpSteps(options.steps.graphql, exchange);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      req.resume();
      return sendJson(res, statusOf(error), errorBody(error), headersOf(error));
    }
    const { httpGraphQLRequest, search } = toGraphQLRequest(req, exchange.body);
    const context = requestContext(exchange);
    // Before any step walks them: variables nested past any input of the schema are refused whole, in the trail too.
    const variables = requestVariables(httpGraphQLRequest.body, search);
    if (nestedDeeperThan(variables, MAX_VARIABLES_DEPTH)) {
      const tooDeep = refusal(
        'QUERY_TOO_COMPLEX',
        { limit: `variables nested deeper than ${MAX_VARIABLES_DEPTH} levels` },
        { language: exchange.language },
      );
      const sent = sentRequest(httpGraphQLRequest.body, search, variables);
      const recorded = await recordRefusedRequest(options.auditRefusal, context, sent, 'QUERY_TOO_COMPLEX');
      const answer = recorded ? tooDeep : refusal('AUDIT_UNAVAILABLE', {}, { language: exchange.language });
      return sendJson(res, statusOf(answer), errorBody(answer), headersOf(answer));
    }
    await executeGraphQL(options.apollo, httpGraphQLRequest, res, async () => context);
  };
}

/** The metrics port's only route: `/metrics`, Prometheus text. */
export function createMetricsHandler(metrics: GatewayMetrics): RequestHandler {
  return async (req, res) => {
    if ((req.url ?? '/').split('?')[0] !== '/metrics') return sendJson(res, 404, { error: 'not found' });
    const text = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(text);
  };
}
