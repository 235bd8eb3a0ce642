import type { Caller, Language, ServedPerson } from '@cmb/kit';

/** Per-request context of the gateway, built once the HTTP steps have admitted the request. */
export interface GatewayContext {
  requestId: string;
  language: Language;
  /**
   * Who is asking, from the verified access token; the GraphQL steps may complete it before the first
   * subgraph call, and the data sources sign it at each call (for that subgraph and that body).
   */
  caller: Caller;
  /** The subgraphs the plan called, for the audit trail. */
  subgraphsCalled: Set<string>;
  /**
   * The persons the subgraphs reported serving or changing (their response
   * extension, removed before the client's answer), by ref: for the audit
   * trail. National ids and organisms only from the registry of persons.
   */
  servedPersons: Map<string, ServedPerson>;
  /** The event id of a mutation's intent, once committed (before any subgraph is called); null otherwise. */
  auditIntentId: string | null;
  /**
   * The operation's variables as they will run (coerced, defaults included),
   * set after validation by the first GraphQL step; null before, and for an
   * operation that failed validation or coercion.
   */
  variables: Record<string, unknown> | null;
  /** When the request arrived (`process.hrtime.bigint()`), for latency in metrics and the audit trail. */
  startedAt: bigint;
}
