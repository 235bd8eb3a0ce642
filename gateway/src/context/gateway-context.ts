import type { Caller, Language } from '@cmb/kit';

/** Per-request context of the gateway, built once the HTTP steps have admitted the request. */
export interface GatewayContext {
  requestId: string;
  language: Language;
  /** Who is asking, from the verified access token; the data sources sign it for each subgraph call. */
  caller: Caller;
  /** The subgraphs the plan called, for the audit trail. */
  subgraphsCalled: Set<string>;
  /** When the request arrived (`process.hrtime.bigint()`), for latency in metrics and the audit trail. */
  startedAt: bigint;
}
