import type { ReferenceCopyStatus } from '@cmb/kit';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics. Labels never carry personal data or client-chosen strings. */
export interface GatewayMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'status'>;
  operationDuration: Histogram<'root_field' | 'outcome'>;
  subgraphDuration: Histogram<'subgraph' | 'outcome'>;
  /** How long a request waited for an audit event to be committed (a mutation's intent before it runs, an answer's event before it leaves), by outcome. */
  auditCommit: Histogram<'outcome'>;
  /** Requests refused as unauthenticated, by kind (missing, malformed, rejected): counted, not logged one by one. */
  unauthenticated: Counter<'kind'>;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Reads the subgraphs' reference copies at scrape time (cached by the readiness probe). */
export type ReferenceCopiesSource = () => Promise<Readonly<Record<string, readonly ReferenceCopyStatus[]>>>;

/**
 * The age and staleness of every reference copy the subgraphs report
 * (`cmb_reference_copy_age_days`, `cmb_reference_copy_stale`), labelled by
 * subgraph and copy, read when Prometheus scrapes: a copy never loaded has
 * no age and counts as stale.
 */
export function registerReferenceCopyMetrics(registry: Registry, source: ReferenceCopiesSource): void {
  const gauge = (name: string, help: string, valueOf: (copy: ReferenceCopyStatus) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ['subgraph', 'copy'],
      registers: [registry],
      async collect() {
        const copies = await source();
        this.reset();
        for (const [subgraph, list] of Object.entries(copies)) {
          for (const copy of list) {
            const value = valueOf(copy);
            if (value !== null) this.set({ subgraph, copy: copy.copy }, value);
          }
        }
      },
    });
  gauge(
    'cmb_reference_copy_age_days',
    'Days since the reference copy in force was extracted (INPE) or took effect (GMR), today in Africa/Casablanca',
    (copy) => copy.ageDays,
  );
  gauge(
    'cmb_reference_copy_stale',
    '1 when a reference copy (INPE registry, GMR, ...) is older than its configured age or missing',
    (copy) => (copy.stale ? 1 : 0),
  );
}

/** What the supergraph metrics read of the supergraph served. */
export interface ServedSupergraph {
  version: number | null;
  sha256: string;
  source: string;
}

/**
 * The supergraph served, read when Prometheus scrapes:
 * `cmb_gateway_supergraph_info{version, sha256, source}` (1) and
 * `cmb_gateway_supergraph_version` (the registry version, 0 for the
 * build-time supergraph).
 */
export function registerSupergraphMetrics(registry: Registry, served: () => ServedSupergraph): void {
  new Gauge({
    name: 'cmb_gateway_supergraph_info',
    help: 'The supergraph this gateway serves: its registry version (build for the build-time one), SHA-256 and source',
    labelNames: ['version', 'sha256', 'source'],
    registers: [registry],
    collect() {
      const supergraph = served();
      this.reset();
      this.set({ version: String(supergraph.version ?? 'build'), sha256: supergraph.sha256, source: supergraph.source }, 1);
    },
  });
  new Gauge({
    name: 'cmb_gateway_supergraph_version',
    help: 'The registry version of the supergraph this gateway serves (0: the build-time supergraph)',
    registers: [registry],
    collect() {
      this.set(served().version ?? 0);
    },
  });
}

/** Creates a registry of its own (tests build several gateways in one process). */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'cmb_gateway_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    operationDuration: new Histogram({
      name: 'cmb_gateway_operation_duration_seconds',
      help: 'GraphQL operation duration by root field and outcome (ok or the first error code)',
      labelNames: ['root_field', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    unauthenticated: new Counter({
      name: 'cmb_gateway_unauthenticated_total',
      help: 'Requests refused as unauthenticated, by kind: missing, malformed or rejected token',
      labelNames: ['kind'],
      registers: [registry],
    }),
    subgraphDuration: new Histogram({
      name: 'cmb_gateway_subgraph_fetch_duration_seconds',
      help: 'Subgraph fetch duration by subgraph and outcome',
      labelNames: ['subgraph', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    auditCommit: new Histogram({
      name: 'cmb_gateway_audit_commit_seconds',
      help: 'Time a request waited for an audit event to be committed (a mutation intent before it runs, an answer event before it leaves), by outcome (ok or failed)',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
  };
}

/**
 * Where the rate limits are counted, read when Prometheus scrapes:
 * `cmb_gateway_rate_limit_store_degraded` is 1 while the shared store is
 * down and each replica counts on its own, else 0 (shared, or in memory by
 * configuration).
 */
export function registerRateLimitStoreMetrics(registry: Registry, state: () => 'memory' | 'shared' | 'degraded'): void {
  new Gauge({
    name: 'cmb_gateway_rate_limit_store_degraded',
    help: '1 while the rate-limit store shared by the replicas is unavailable and limits are per replica, else 0',
    registers: [registry],
    collect() {
      this.set(state() === 'degraded' ? 1 : 0);
    },
  });
}
