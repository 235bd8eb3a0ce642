import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  appError,
  formattedError,
  inClientSpan,
  SIGNED_CONTEXT_HEADER,
  type Caller,
  type ContextSigner,
  type ServedPerson,
  type Tracing,
} from '@cmb/kit';
import { SpanStatusCode, type Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { Pool } from 'undici';
import type { SubgraphClientTls } from '../config';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { collectServedPersons, refsAnOgMayReport } from '../access-audit/served-persons-report';
import { waitsForLongWrite } from '../import-limits';
import { ogSubgraphCaller } from './og-subgraph-caller';
import { answerJson } from '../subgraph-client/bounded-answer';
import { postWithinBounds } from '../subgraph-client/bounded-post';
import { withNeutralOperationName } from '../subgraph-client/neutral-operation-name';
import { nullEntities, selectionsOf } from './entity-stubs';
import { takeNotice, type SharedAnswerCache } from './shared-answer-cache';

/** A subgraph's GraphQL response as the gateway consumes it. */
type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** Options of one subgraph's data source. */
export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  timeoutMs: number;
  /** The timeout of a call under an import purpose (a whole registry file loaded in one transaction). */
  importTimeoutMs: number;
  connections: number;
  /** The most bytes read from one answer of a national subgraph, and of an insurer's; past it the call fails. */
  maxAnswerBytes: { national: number; insurer: number };
  /** A failure of this subgraph degrades the answer (null facts plus an error) rather than failing it. */
  degradable: boolean;
  logger: Logger;
  metrics: GatewayMetrics;
  /** `Type.field` coordinates hidden from clients (those of the supergraph served); error paths never name them. */
  hiddenFields: () => ReadonlySet<string>;
  /**
   * The organisation this subgraph answers for when it is an OG's (not
   * national), from the supergraph served; null for a national subgraph.
   * An OG's subgraph gets a reduced caller and which persons it covers (`ogSubgraphCaller`).
   */
  ogOwner: () => string | null;
  /** Signs the caller context of each call, for this subgraph and this body. */
  signer: ContextSigner;
  /** CA and client certificate towards the subgraph (mutual TLS); null: defaults. */
  tls: SubgraphClientTls | null;
  /** The process's tracing: each call in a client span carrying its W3C trace context; null: no span, no header. */
  tracing: Tracing | null;
  /** Answers this subgraph declares shareable, reused for a while (national subgraphs only); null: every fetch is sent. */
  sharedAnswers: SharedAnswerCache | null;
}

/** A write: the subgraph's shared answers are forgotten when it starts and when it ends. */
const MUTATION = /^\s*mutation\b/;

/** The request id of the gateway's request context, when present. */
function requestIdOf(context: unknown): string | undefined {
  const value = (context as { requestId?: unknown } | undefined)?.requestId;
  return typeof value === 'string' ? value : undefined;
}

/** The verified caller of the gateway's request context, when present. */
function callerOf(context: unknown): Caller | undefined {
  const value = (context as { caller?: Caller | null } | undefined)?.caller;
  return value ?? undefined;
}

/**
 * Calls one subgraph over a pool of keep-alive connections with a timeout.
 * When the subgraph is down, slow or broken, the answer is a GraphQL error
 * coded `SUBGRAPH_UNAVAILABLE`, never an exception that would become an HTTP
 * 500; for a degradable subgraph's entity fetch, the entities come back with
 * null fields so the rest of the plan still runs.
 */
export class SubgraphDataSource implements GraphQLDataSource {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(private readonly options: SubgraphDataSourceOptions) {
    const url = new URL(options.url);
    this.path = `${url.pathname}${url.search}`;
    // The call's own signal bounds it (interactive or import timeout); undici's timeouts only past the longest.
    const longest = Math.max(options.timeoutMs, options.importTimeoutMs) + 1_000;
    this.pool = new Pool(url.origin, {
      connections: options.connections,
      keepAliveTimeout: 30_000,
      headersTimeout: longest,
      bodyTimeout: longest,
      pipelining: 1,
      ...(options.tls && { connect: { ...options.tls } }),
    });
  }

  process(request: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const tracing = this.options.tracing;
    if (!tracing) return this.call(request, null, null);
    // The subgraph's name and the HTTP status only: never the operation's text, variables or answer.
    return inClientSpan(
      tracing,
      `subgraph ${this.options.name}`,
      { 'cmb.subgraph': this.options.name, 'http.request.method': 'POST' },
      (span) => this.call(request, tracing, span),
    );
  }

  /** One call: signed, timed, measured; a failure becomes `SUBGRAPH_UNAVAILABLE` (and an error status on the span). */
  private async call(
    request: GraphQLDataSourceProcessOptions,
    tracing: Tracing | null,
    span: Span | null,
  ): Promise<GatewayGraphQLResponse> {
    const started = process.hrtime.bigint();
    const { variables } = request.request;
    const { query, operationName } = withNeutralOperationName(request.request.query ?? '', request.request.operationName);
    let outcome = 'ok';
    // A write forgets the subgraph's shared answers, and none is taken or kept until it has ended, whatever its outcome.
    const endWrite = query && MUTATION.test(query) ? this.options.sharedAnswers?.beginWrite() : undefined;
    try {
      (request.context as { subgraphsCalled?: Set<string> } | undefined)?.subgraphsCalled?.add(this.options.name);
      const caller = callerOf(request.context);
      const owner = this.options.ogOwner();
      // An OG's subgraph is never answered from here: only national subgraphs' declarations are taken.
      const shared = caller && !owner ? this.options.sharedAnswers : null;
      const since = shared?.current ?? 0;
      const kept = shared && caller ? shared.take(query, variables, caller) : null;
      if (kept) {
        outcome = 'shared';
        span?.setAttribute('cmb.shared_answer', true);
        return { data: { _entities: kept } };
      }
      // An insurer's subgraph is told the media type it answers in; a national one (Apollo Server) answers JSON without
      // being asked, and an Accept header made it negotiate on every call.
      const headers: Record<string, string> = owner
        ? { 'content-type': 'application/json', accept: 'application/json' }
        : { 'content-type': 'application/json' };
      const requestId = requestIdOf(request.context);
      if (requestId) headers['x-request-id'] = requestId;
      const body = JSON.stringify({ query, variables, operationName });
      // One signature per call: bound to this subgraph and to this exact body, valid a few seconds.
      const servedPersons = (request.context as { servedPersons?: Map<string, ServedPerson> } | undefined)?.servedPersons;
      const signed = caller && owner ? ogSubgraphCaller(caller, owner, servedPersons) : caller;
      if (signed) headers[SIGNED_CONTEXT_HEADER] = this.options.signer.sign(signed, this.options.name, body);
      tracing?.inject(headers);
      const timeoutMs = waitsForLongWrite(caller) ? this.options.importTimeoutMs : this.options.timeoutMs;
      const maxBytes = owner ? this.options.maxAnswerBytes.insurer : this.options.maxAnswerBytes.national;
      const { statusCode, text } = await postWithinBounds(this.pool, { path: this.path, headers, body, timeoutMs, maxBytes });
      span?.setAttribute('http.response.status_code', statusCode);
      if (statusCode >= 500) throw new Error(`subgraph answered HTTP ${statusCode}`);
      const answer = answerJson(text, statusCode) as GatewayGraphQLResponse;
      if (typeof answer !== 'object' || answer === null || (!('data' in answer) && !('errors' in answer))) {
        throw new Error(`subgraph answered HTTP ${statusCode} without a GraphQL body`);
      }
      if (answer.errors?.length) outcome = 'graphql_error';
      const notice = takeNotice(answer);
      if (shared && caller) shared.learn(query, variables, caller, answer, notice, since);
      // The persons it served, for the audit event; out of what the client receives.
      collectServedPersons(this.options.name, answer, servedPersons, refsAnOgMayReport(owner, caller, signed));
      return answer;
    } catch (error) {
      outcome = 'unavailable';
      span?.setStatus({ code: SpanStatusCode.ERROR });
      span?.setAttribute('error.type', 'SUBGRAPH_UNAVAILABLE');
      this.options.logger.warn(
        {
          subgraph: this.options.name,
          err: error,
          requestId: requestIdOf(request.context),
        },
        'subgraph unavailable',
      );
      return this.unavailable(query ?? '', variables);
    } finally {
      endWrite?.();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.options.metrics.subgraphDuration.observe({ subgraph: this.options.name, outcome }, seconds);
    }
  }

  /** The answer when the subgraph could not be reached or did not answer in time. */
  private unavailable(query: string, variables: Record<string, unknown> | undefined): GatewayGraphQLResponse {
    const { message, extensions } = formattedError(
      appError('SUBGRAPH_UNAVAILABLE', { subgraph: this.options.name }, { extensions: { serviceName: this.options.name } }),
    );
    const representations = variables?.representations;
    const selections = this.options.degradable && Array.isArray(representations) ? selectionsOf(query) : null;
    if (!selections) return { errors: [{ message, extensions }] };
    const entities = nullEntities(selections, representations as { __typename?: unknown }[]);
    const hidden = this.options.hiddenFields();
    const errors = entities.flatMap((entity, index) => {
      const visible = Object.keys(entity).filter((key) => key !== '__typename' && !hidden.has(`${String(entity.__typename)}.${key}`));
      const paths = visible.length > 0 ? visible.map((key) => ['_entities', index, key]) : [['_entities', index]];
      return paths.map((path) => ({ message, path, extensions }));
    });
    return { data: { _entities: entities }, errors };
  }

  /** Forgets the answers kept from this subgraph and the shapes learnt from it. */
  forgetSharedAnswers(): void {
    this.options.sharedAnswers?.forget();
  }

  /** The URL this data source calls. */
  get url(): string {
    return this.options.url;
  }

  /** Closes the keep-alive connections. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
