import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics. Labels never carry personal data or client-chosen strings. */
export interface GatewayMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'status'>;
  operationDuration: Histogram<'root_field' | 'outcome'>;
  subgraphDuration: Histogram<'subgraph' | 'outcome'>;
  /** Requests refused as unauthenticated, by kind (missing, malformed, rejected): counted, not logged one by one. */
  unauthenticated: Counter<'kind'>;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

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
  };
}
