import type { ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { operationHash } from '@cmb/audit-store';
import { headersOf, refusal, statusOf, type Language } from '@cmb/kit';
import { GraphQLError } from 'graphql';
import type { EdgeRefusalAudit } from '../access-audit/edge-refusals';
import type { GatewayContext } from '../context/gateway-context';
import { runHttpSteps, type HttpExchange, type HttpStep } from '../pipeline';
import { requestContext } from '../server/request-context';
import { capabilityStatement } from './capability-statement';
import { FHIR_ELIGIBILITY_OPERATION_NAME, FHIR_ELIGIBILITY_QUERY, type EligibilityDecision } from './eligibility-operation';
import { eligibilityResponse, type PartialError } from './eligibility-response';
import { FHIR_JSON, type FhirResource } from './fhir-json';
import { namedPatient } from './named-patient';
import { fhirStatusOf, operationOutcome } from './operation-outcome';
import { readEligibilityRequest, type EligibilityRequest } from './read-eligibility-request';

/** Where the facade is served. */
export const FHIR_ROOT = '/fhir/r4';
/** Most bytes a check's body may have: one CoverageEligibilityRequest with a few contained resources is a few KiB. */
export const FHIR_MAX_BODY_BYTES = 64 * 1024;
/** The routes it serves, for the metrics' route label. */
export const FHIR_ROUTES = [`${FHIR_ROOT}/metadata`, `${FHIR_ROOT}/CoverageEligibilityRequest`] as const;

/** What the facade needs: the gateway's Apollo server (with its GraphQL steps) and the HTTP steps of a FHIR request. */
export interface FhirFacadeOptions {
  apollo: ApolloServer<GatewayContext>;
  /** The HTTP steps of a FHIR check (`pipeline/index.ts`): the language, the token, the rate, the body within its limit. */
  steps: readonly HttpStep[];
  /** The HTTP steps of the public metadata route: the language only. */
  metadataSteps: readonly HttpStep[];
  /** Records a check the reader refused, as `/graphql` records the same check refused; null with the audit off. */
  auditRefusal: EdgeRefusalAudit | null;
}

/** The hash the trail keeps of the graph's operation a FHIR check stands for. */
const FHIR_OPERATION_HASH = operationHash(FHIR_ELIGIBILITY_QUERY);

/** Handles a request under `/fhir/`; the request id is already assigned. */
export type FhirFacade = (exchange: HttpExchange, route: string) => Promise<void>;

/** Writes a FHIR resource as the answer. */
function send(res: ServerResponse, status: number, resource: FhirResource, language: Language, headers: Record<string, string> = {}) {
  const text = JSON.stringify(resource);
  res.writeHead(status, {
    ...headers,
    'content-type': FHIR_JSON,
    'content-language': language,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** A refusal (a kit `refusal`) as an OperationOutcome with its status and headers; the unread body is drained. */
function sendRefusal(exchange: HttpExchange, error: GraphQLError) {
  exchange.req.resume();
  const { http: _http, ...extensions } = error.extensions;
  const outcome = operationOutcome([{ message: error.message, extensions }], exchange.language);
  send(exchange.res, fhirStatusOf(String(extensions.code), statusOf(error)), outcome, exchange.language, headersOf(error));
}

/** True when the client accepts JSON (FHIR's JSON, JSON, or anything); a client asking for XML only is told it is not served. */
function acceptsJson(accept: string | undefined): boolean {
  return !accept || /json|\*\/\*/i.test(accept);
}

const SLASH = '/'.charCodeAt(0);

/**
 * The route without its trailing slashes, in linear time: the pattern
 * `/\/+$/` backtracks over every run of slashes, so a request line of
 * slashes (16 KiB, before any token is read) held the event loop for
 * about half a second.
 */
function withoutTrailingSlashes(route: string): string {
  let end = route.length;
  while (end > 0 && route.charCodeAt(end - 1) === SLASH) end -= 1;
  return route.slice(0, end);
}

/** The answer of the graph as the facade reads it. */
interface GraphAnswer {
  status: number;
  headers: Record<string, string>;
  body: { data?: { eligibility?: EligibilityDecision | null } | null; errors?: PartialError[] };
}

/** Runs the graph's eligibility operation through Apollo and the gateway's GraphQL steps, as a POST to `/graphql` would. */
async function askGraph(options: FhirFacadeOptions, exchange: HttpExchange, input: Record<string, unknown>): Promise<GraphAnswer> {
  const headers = new HeaderMap([['content-type', 'application/json']]);
  const context = requestContext(exchange);
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: 'POST',
      headers,
      search: '',
      body: { query: FHIR_ELIGIBILITY_QUERY, operationName: FHIR_ELIGIBILITY_OPERATION_NAME, variables: { input } },
    },
    context: async () => context,
  });
  let text = '';
  if (response.body.kind === 'complete') text = response.body.string;
  else for await (const chunk of response.body.asyncIterator) text += chunk;
  const answerHeaders: Record<string, string> = {};
  for (const [name, value] of response.headers) if (name !== 'content-type' && name !== 'content-length') answerHeaders[name] = value;
  return { status: response.status ?? 200, headers: answerHeaders, body: JSON.parse(text) as GraphAnswer['body'] };
}

/**
 * Reads the resource at the edge; a refusal is recorded in the audit trail
 * first (naming the patient as far as the body names one), and when it
 * cannot be recorded the answer is `AUDIT_UNAVAILABLE`, as on `/graphql`.
 */
async function readOrRecordRefusal(options: FhirFacadeOptions, exchange: HttpExchange, body: unknown): Promise<EligibilityRequest> {
  try {
    return readEligibilityRequest(body, exchange.language);
  } catch (error) {
    if (!(error instanceof GraphQLError) || !options.auditRefusal) throw error;
    const nationalId = namedPatient(body);
    const recorded = await options.auditRefusal(requestContext(exchange), {
      nationalIds: nationalId ? [nationalId] : [],
      code: String(error.extensions.code ?? 'BAD_USER_INPUT'),
      operationName: FHIR_ELIGIBILITY_OPERATION_NAME,
      operationHash: FHIR_OPERATION_HASH,
      field: 'eligibility',
    });
    throw recorded ? error : refusal('AUDIT_UNAVAILABLE', {}, { language: exchange.language });
  }
}

/** POST /fhir/r4/CoverageEligibilityRequest: the HTTP steps, the resource read at the edge, the graph's operation, its answer in FHIR. */
async function checkEligibility(options: FhirFacadeOptions, exchange: HttpExchange): Promise<void> {
  const { req, res } = exchange;
  // The token and the rate first: an unauthenticated client is answered 401 and counted, whatever it sends.
  await runHttpSteps(options.steps, exchange);
  if (!(req.headers['content-type'] ?? '').toLowerCase().includes('json'))
    throw refusal('FHIR_MEDIA_TYPE', {}, { language: exchange.language, status: 415 });
  let body: unknown;
  try {
    body = JSON.parse(exchange.body);
  } catch {
    throw refusal('FHIR_JSON_MALFORMED', {}, { language: exchange.language });
  }
  const request = await readOrRecordRefusal(options, exchange, body);
  const answer = await askGraph(options, exchange, request.input);
  const decision = answer.body.data?.eligibility;
  const errors = answer.body.errors ?? [];
  if (!decision) {
    const code = String(errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    const status = fhirStatusOf(code, answer.status);
    return send(res, status, operationOutcome(errors, exchange.language), exchange.language, answer.headers);
  }
  const resource = eligibilityResponse({ request, decision, errors, requestId: exchange.requestId, language: exchange.language });
  send(res, 200, resource, exchange.language, answer.headers);
}

/**
 * The FHIR R4 facade: `GET /fhir/r4/metadata` (public, like `/healthz`: no
 * personal data) and `POST /fhir/r4/CoverageEligibilityRequest`, which runs
 * the same HTTP steps as `/graphql` (token, one purpose, rate, bounded body),
 * reads the resource at the edge, then runs the graph's own eligibility
 * operation through Apollo, so the GraphQL steps apply too (purpose
 * `eligibility:check`, provider binding, limits, one audit event). Any other
 * FHIR interaction is refused: a search over GET (it would put a national id
 * in a URL, refused as the graph refuses it), a Bundle, a read. Every answer
 * is FHIR JSON: a resource or an OperationOutcome with the graph's codes.
 */
export function createFhirFacade(options: FhirFacadeOptions): FhirFacade {
  return async (exchange, route) => {
    const method = exchange.req.method ?? 'GET';
    const query = (exchange.req.url ?? '').includes('?');
    const path = withoutTrailingSlashes(route);
    try {
      await runHttpSteps(options.metadataSteps, exchange);
      if (!acceptsJson(exchange.req.headers.accept)) throw refusal('FHIR_MEDIA_TYPE', {}, { language: exchange.language, status: 406 });
      if (method === 'GET' && query)
        throw refusal('PERSONAL_DATA_OVER_GET', {}, { language: exchange.language, headers: { allow: 'POST' } });
      if (path === `${FHIR_ROOT}/metadata`) {
        if (method !== 'GET')
          throw refusal('FHIR_METHOD_NOT_ALLOWED', { allowed: 'GET' }, { language: exchange.language, headers: { allow: 'GET' } });
        return send(exchange.res, 200, capabilityStatement(), exchange.language);
      }
      if (path === `${FHIR_ROOT}/CoverageEligibilityRequest`) {
        if (method !== 'POST')
          throw refusal('FHIR_METHOD_NOT_ALLOWED', { allowed: 'POST' }, { language: exchange.language, headers: { allow: 'POST' } });
        return await checkEligibility(options, exchange);
      }
      if (path === FHIR_ROOT && method === 'POST') throw refusal('FHIR_BUNDLE_NOT_SERVED', {}, { language: exchange.language });
      throw refusal('FHIR_INTERACTION_NOT_SERVED', {}, { language: exchange.language, status: 404 });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      sendRefusal(exchange, error);
    }
  };
}
