// The contestants of the side-by-side benchmark, one row each: adding a
// variant is one entry of the table below.
// Fields: id (for --contestants), name and notes (the table), queryKind
// (gateway: the three-hop decision; floor: one hop; fhir: the decision through the FHIR facade), start(ctx) → { url, pid, stop },
// optional async clientHeaders(ctx) → headers k6 sends per asking client,
// `{ '*': {...}, '<clientId>': {...} }` (asked again before every run),
// optional signedRequests(ctx, { validForSeconds, duration }) → the path of requests
// signed ahead that k6 posts as they are (written again before every run),
// optional usesIssuer (start the development token issuer).
// `baseline: 'apollo'` and `baseline: 'floor'` mark the rows ratios are taken to.
import { startRedis } from '../../../scripts/lib/redis.mjs';
import { writeSignedFloorRequests } from './signed-context.mjs';
import { launchCmbGateway, launchPeer } from './launch.mjs';
import { startOtlpSink } from './otlp-sink.mjs';

/** Starts our gateway beside a helper process (a collector, a store) that lives and stops with it. */
async function launchCmbGatewayWith(ctx, startHelper, envOf) {
  const helper = await startHelper();
  try {
    const gateway = await launchCmbGateway({ ...ctx, env: { ...UNTHROTTLED, AUTH_ISSUER: ctx.issuer.issuer, ...envOf(helper) } });
    return {
      ...gateway,
      stop: async () => {
        await gateway.stop();
        await (helper.close ?? helper.stop)();
      },
    };
  } catch (error) {
    await (helper.close ?? helper.stop)();
    throw error;
  }
}

/**
 * Our gateway limits each client to 50 requests/s by default; the benchmark's
 * load stands for many admission desks but comes from one client, so the
 * limit is raised out of the way (the check itself still runs).
 */
const UNTHROTTLED = { RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000' };

/** A bearer token of each client the mix asks as: `{ '<clientId>': { authorization } }`. */
const bearer = async (ctx) => {
  const byClient = {};
  for (const clientId of ctx.clients) byClient[clientId] = { authorization: `Bearer ${await ctx.token(clientId)}` };
  return byClient;
};

export const CONTESTANTS = [
  {
    id: 'floor',
    name: 'floor: beneficiaries subgraph, direct',
    notes: 'one hop, no decision: `eligibility { id careDate }`',
    queryKind: 'floor',
    baseline: 'floor',
    // The subgraph process itself: nothing to start or stop.
    start: async (ctx) => ({ url: ctx.subgraphs.beneficiaries.url, pid: ctx.subgraphs.beneficiaries.child.pid, stop: async () => {} }),
    // No gateway signs for the floor: its requests are signed before each run, each for its own body.
    signedRequests: async (ctx, { validForSeconds, duration }) =>
      ctx.contextKey
        ? writeSignedFloorRequests({ dir: ctx.work, workload: ctx.workload, key: ctx.contextKey, validForSeconds, duration })
        : null,
  },
  {
    id: 'cmb-gateway',
    name: 'cmb-gateway',
    notes:
      "this project, defaults: auth on (RS256 bearer token verified, purposes enforced), audit on (one event per access, group commit, durable PostgreSQL store on its own cluster), shared answers on (the providers subgraph's facts of a provider on a day of care reused up to 60 s for the same organisation and purpose: three subgraph calls per decision once a provider has checked); per-client rate limit raised",
    queryKind: 'gateway',
    usesIssuer: true,
    start: (ctx) => launchCmbGateway({ ...ctx, env: { ...UNTHROTTLED, AUTH_ISSUER: ctx.issuer.issuer } }),
    clientHeaders: bearer,
  },
  {
    id: 'cmb-gateway-unshared',
    name: 'cmb-gateway (shared answers off)',
    notes: 'as cmb-gateway, with SHARED_ANSWERS_MAX_AGE_MS=0: every fetch sent, four subgraph calls per decision as the peers make',
    queryKind: 'gateway',
    usesIssuer: true,
    start: (ctx) => launchCmbGateway({ ...ctx, env: { ...UNTHROTTLED, AUTH_ISSUER: ctx.issuer.issuer, SHARED_ANSWERS_MAX_AGE_MS: '0' } }),
    clientHeaders: bearer,
  },
  {
    id: 'cmb-gateway-traced',
    name: 'cmb-gateway (traced)',
    notes:
      "as cmb-gateway, with OTEL_EXPORTER_OTLP_ENDPOINT set: every request traced (its spans and Apollo's), exported in batches as OTLP/HTTP JSON to a sink on loopback; the subgraphs untraced",
    queryKind: 'gateway',
    usesIssuer: true,
    start: (ctx) => launchCmbGatewayWith(ctx, startOtlpSink, (sink) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint })),
    clientHeaders: bearer,
  },
  {
    id: 'cmb-gateway-shared-limits',
    name: 'cmb-gateway (shared rate limits)',
    notes: 'as cmb-gateway, with RATE_LIMIT_STORE_URL: every admitted request draws from its bucket in a Redis on loopback (one EVALSHA)',
    queryKind: 'gateway',
    usesIssuer: true,
    start: (ctx) =>
      launchCmbGatewayWith(
        ctx,
        () => startRedis({ log: () => undefined }),
        (redis) => ({ RATE_LIMIT_STORE_URL: redis.url }),
      ),
    clientHeaders: bearer,
  },
  {
    id: 'cmb-gateway-fhir',
    name: 'cmb-gateway, FHIR facade',
    notes:
      'the same gateway and settings as cmb-gateway, each check sent as a FHIR R4 CoverageEligibilityRequest to /fhir/r4/CoverageEligibilityRequest (the graph operation run through the same pipeline, the answer mapped to a CoverageEligibilityResponse)',
    queryKind: 'fhir',
    usesIssuer: true,
    start: (ctx) => launchCmbGateway({ ...ctx, env: { ...UNTHROTTLED, AUTH_ISSUER: ctx.issuer.issuer } }),
    clientHeaders: bearer,
  },
  {
    id: 'cmb-gateway-auth-off',
    name: 'cmb-gateway (auth off)',
    notes: 'AUTH_MODE=off (benchmarks only), audit on; per-client rate limit raised',
    queryKind: 'gateway',
    start: (ctx) => launchCmbGateway({ ...ctx, env: { ...UNTHROTTLED, AUTH_MODE: 'off' } }),
  },
  {
    id: 'cmb-gateway-open',
    name: 'cmb-gateway (auth+audit off)',
    notes: 'AUTH_MODE=off and AUDIT_MODE=off (benchmarks only); per-client rate limit raised',
    queryKind: 'gateway',
    start: (ctx) => launchCmbGateway({ ...ctx, env: { ...UNTHROTTLED, AUTH_MODE: 'off', AUDIT_MODE: 'off' } }),
  },
  {
    id: 'apollo-stock',
    name: 'stock @apollo/gateway',
    notes: '@apollo/server startStandaloneServer, defaults',
    queryKind: 'gateway',
    baseline: 'apollo',
    start: (ctx) => launchPeer('apollo-stock', 'apollo-stock.mjs', ctx),
  },
  {
    id: 'hive',
    name: 'Hive Gateway',
    notes: 'defaults, request merging OFF',
    queryKind: 'gateway',
    start: (ctx) => launchPeer('hive', 'hive.mjs', { ...ctx, env: { HIVE_ROUTER_RUNTIME: '0' } }),
  },
  {
    id: 'hive-router-runtime',
    name: 'Hive Gateway + router-runtime',
    notes: 'unifiedGraphHandler, request merging OFF',
    queryKind: 'gateway',
    start: (ctx) => launchPeer('hive-router-runtime', 'hive.mjs', { ...ctx, env: { HIVE_ROUTER_RUNTIME: '1' } }),
  },
];
