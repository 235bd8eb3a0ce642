import { GATEWAY_ORG_KIND, inClientSpan, SIGNED_CONTEXT_HEADER, type Caller, type ContextSigner, type Tracing } from '@cmb/kit';
import { Pool } from 'undici';
import type { SubgraphClientTls } from '../config';
import { answerJson } from './bounded-answer';
import { postWithinBounds } from './bounded-post';

/** One answer of a subgraph to the gateway's own request: its HTTP status and JSON body. */
export interface GatewayAnswer {
  statusCode: number;
  body: unknown;
}

/** Posts a GraphQL body to one subgraph as the gateway itself, under the given purposes. */
export type GatewaySubgraphClient = (body: Record<string, unknown>, requestId: string) => Promise<GatewayAnswer>;

/**
 * The gateway's own requests to a subgraph (the INPE registry's attachments,
 * the registry of persons' facts for the audit), outside any client's
 * operation: a small keep-alive pool to the subgraph's current route, the
 * caller context of the gateway itself signed for that subgraph and that
 * body, the configured TLS and timeout; the answer is read within
 * `maxAnswerBytes` (past it the lookup fails, as a data source's call does).
 */
export function createGatewaySubgraphClient(options: {
  subgraph: string;
  url: () => string | undefined;
  /** The purposes the gateway acts under for these requests. */
  purposes: readonly string[];
  signer: ContextSigner;
  /** CA and client certificate towards the subgraphs; null: defaults. */
  tls: SubgraphClientTls | null;
  timeoutMs: number;
  /** The most bytes read from one answer (`SUBGRAPH_MAX_ANSWER_BYTES`). */
  maxAnswerBytes: number;
  /** The process's tracing: each request in a client span carrying its trace context; null: no span. */
  tracing: Tracing | null;
}): GatewaySubgraphClient {
  let pool: Pool | null = null;
  let poolOrigin = '';
  const post: GatewaySubgraphClient = async (payload, requestId) => {
    const url = options.url();
    if (!url) throw new Error(`the ${options.subgraph} subgraph is not configured`);
    const { origin, pathname } = new URL(url);
    if (!pool || poolOrigin !== origin) {
      pool = new Pool(origin, { connections: 4, ...(options.tls && { connect: { ...options.tls } }) });
      poolOrigin = origin;
    }
    const caller: Caller = {
      clientId: 'cmb-gateway',
      org: null,
      orgKind: GATEWAY_ORG_KIND,
      purposes: [...options.purposes],
      tokenId: null,
      userId: null,
      requestId,
    };
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [SIGNED_CONTEXT_HEADER]: options.signer.sign(caller, options.subgraph, body),
    };
    options.tracing?.inject(headers);
    const current = pool;
    const { statusCode, text } = await postWithinBounds(current, {
      path: pathname,
      headers,
      body,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxAnswerBytes,
    });
    return { statusCode, body: answerJson(text, statusCode) };
  };
  const tracing = options.tracing;
  if (!tracing) return post;
  return (payload, requestId) =>
    inClientSpan(tracing, `gateway lookup ${options.subgraph}`, { 'cmb.subgraph': options.subgraph }, async (span) => {
      const answer = await post(payload, requestId);
      span.setAttribute('http.response.status_code', answer.statusCode);
      return answer;
    });
}
