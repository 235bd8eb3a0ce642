import type { Caller, Language } from '@cmb/kit';

/** Per-request context of the gateway. */
export interface GatewayContext {
  requestId: string;
  language: Language;
  /** Who is asking, from the verified access token. */
  caller: Caller;
  /** The caller context signed for the subgraphs (one HMAC per request). */
  signedContext: string;
  /** The subgraphs the plan called, for the audit trail. */
  subgraphsCalled: Set<string>;
}
