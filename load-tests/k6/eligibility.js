// The eligibility hot path through the gateway, under a realistic mix of
// personas (known answers) and random persons of the seeded dataset.
//
//   SCENARIO=smoke|load|stress|spike|soak  GATEWAY_URL=http://127.0.0.1:4000/graphql
//   PERSONS=10000  P95_MS=500  TOKEN_URL=…  AUTH_CLIENTS={client:secret}  SUMMARY_PATH=summary.json
//   RATE, DURATION, VUS, MAX_VUS (see load-tests/README.md)
//
// Run it with `npm run k6 -- <scenario>` (the pinned k6, see load-tests/run-k6.mjs).
import { check } from 'k6';
import exec from 'k6/execution';
import { SharedArray } from 'k6/data';
import http from 'k6/http';
import { Rate } from 'k6/metrics';
import { envInt, envNumber, envString } from './lib/env.js';
import { nextCheck, OUTCOMES } from './lib/eligibility-mix.js';
import { refusalOf } from './lib/loopback.js';
import { createTokenSource } from './lib/tokens.js';
import { buildScenario } from './lib/scenarios.js';
import { textSummary } from './lib/text-summary.js';

const SCENARIO = envString('SCENARIO', 'smoke');
const GATEWAY_URL = envString('GATEWAY_URL', 'http://127.0.0.1:4000/graphql');
/** Generated persons in the seeded dataset (`npm start` seeds 10,000; the e2e run 2,000). */
const PERSONS = envInt('PERSONS', 10_000, { min: 1, max: 25_000_000 });
/** The p95 latency bound in ms: 500 by default (a smoke on a developer machine). */
const P95_MS = envNumber('P95_MS', 500, { max: 60_000 });
/** One bound for every request, so no iteration waits forever. */
const REQUEST_TIMEOUT = '10s';
/** Error lines logged per VU at most (codes only, never the input). */
const LOGGED_PROBLEMS_PER_VU = 3;

const ELIGIBILITY = `query Check($input: EligibilityInput!) {
  eligibility(input: $input) {
    eligible outcome complete
    reasons { code message }
    coverage { organism regime role validUntil coPaymentExempted }
    provider { name active }
    pathway { inPathway }
  }
}`;

/** The personas (synthetic), with only what a check needs. */
const personas = new SharedArray('personas', () =>
  JSON.parse(open('../../test/fixtures/personas.json')).personas.map((p) => ({
    id: p.id,
    nationalId: p.nationalId,
    providerInpe: p.providerInpe,
    careType: p.careType,
    date: p.date,
    expectedOutcome: p.expectedOutcome,
    clientId: p.clientId,
  })),
);

/** Share of responses that carried GraphQL errors (which come with HTTP 200). */
const graphqlErrors = new Rate('graphql_errors');
/** Share of persona checks whose outcome differs from the persona's expectedOutcome. */
const outcomeMismatch = new Rate('outcome_mismatch');

export const options = {
  scenarios: { [SCENARIO]: buildScenario(SCENARIO) },
  thresholds: {
    // A GraphQL error is a failure even with HTTP 200; every request sent is valid.
    graphql_errors: ['rate==0'],
    // A persona answered wrongly is a wrong decision at an admission desk.
    outcome_mismatch: ['rate==0'],
    http_req_failed: ['rate==0'],
    checks: ['rate==1'],
    'http_req_duration{name:eligibility}': [`p(95)<${P95_MS}`],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
  // Only the given URL: never follow a redirect elsewhere.
  maxRedirects: 0,
};

const BASE_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
/** Realm token endpoint and the secrets of the clients the mix acts as (JSON object client id → secret). */
const tokenFor = createTokenSource(envString('TOKEN_URL', ''), JSON.parse(envString('AUTH_CLIENTS', '{}')), 'eligibility:check');

/** The headers of one check: the single place where credentials are added (the asking client's own token). */
function headersFor(clientId) {
  const token = tokenFor(clientId);
  return token ? { ...BASE_HEADERS, authorization: `Bearer ${token}` } : BASE_HEADERS;
}

function postEligibility(input, clientId, tags) {
  return http.post(GATEWAY_URL, JSON.stringify({ query: ELIGIBILITY, variables: { input } }), {
    headers: headersFor(clientId),
    tags,
    timeout: REQUEST_TIMEOUT,
  });
}

function parseBody(response) {
  try {
    return response.json();
  } catch {
    return null;
  }
}

/** The error codes of a GraphQL answer (never messages: they could echo input). */
function errorCodes(body) {
  if (body === null || typeof body !== 'object') return ['UNPARSABLE_BODY'];
  if (!Array.isArray(body.errors) || body.errors.length === 0) return [];
  return body.errors.map((e) => e?.extensions?.code ?? 'NO_CODE');
}

/** Refuses a non-loopback URL, then checks once that the gateway answers the hot path. */
export function setup() {
  const refusal = refusalOf(GATEWAY_URL);
  if (refusal) exec.test.abort(refusal);
  const persona = personas[0];
  const response = postEligibility(
    { nationalId: persona.nationalId, providerInpe: persona.providerInpe, date: persona.date, careType: persona.careType },
    persona.clientId,
    { name: 'probe' },
  );
  if (response.status === 0) exec.test.abort(`no answer from ${GATEWAY_URL} (${response.error}): start the federation first (npm start)`);
  const codes = errorCodes(parseBody(response));
  if (response.status !== 200 || codes.length > 0) {
    exec.test.abort(
      `the gateway refused the probe check: HTTP ${response.status}, errors [${codes.join(', ')}]${codes.includes('UNAUTHENTICATED') ? ': set TOKEN_URL and AUTH_CLIENTS' : ''}`,
    );
  }
  return { scenario: SCENARIO, gatewayUrl: GATEWAY_URL, persons: PERSONS };
}

let problemsLogged = 0;
function logProblem(line) {
  if (problemsLogged >= LOGGED_PROBLEMS_PER_VU) return;
  problemsLogged += 1;
  console.warn(line);
}

export default function () {
  const { kind, persona, input, clientId } = nextCheck(personas, PERSONS);
  const response = postEligibility(input, clientId, { name: 'eligibility', kind });
  const body = parseBody(response);
  const codes = errorCodes(body);
  const outcome = body?.data?.eligibility?.outcome;

  graphqlErrors.add(codes.length > 0, { kind });
  if (codes.length > 0) logProblem(`HTTP ${response.status}, GraphQL errors [${codes.join(', ')}] on a ${kind} check`);
  check(response, {
    'HTTP 200': (r) => r.status === 200,
    'no GraphQL errors': () => codes.length === 0,
    'outcome is an EligibilityOutcome': () => OUTCOMES.includes(outcome),
  });

  if (persona) {
    const matches = outcome === persona.expectedOutcome;
    outcomeMismatch.add(!matches, { persona: persona.id });
    if (!matches) logProblem(`persona ${persona.id}: outcome ${outcome}, expected ${persona.expectedOutcome}`);
    check(outcome, { 'persona outcome as expected': () => matches });
  }
}

/** The text summary on stdout, and the whole summary as JSON at SUMMARY_PATH when set. */
export function handleSummary(data) {
  const title = `eligibility ${SCENARIO} → ${GATEWAY_URL} (${PERSONS} persons, p95 bound ${P95_MS} ms)`;
  const outputs = { stdout: textSummary(data, title) };
  const summaryPath = envString('SUMMARY_PATH', '');
  if (summaryPath) outputs[summaryPath] = JSON.stringify(data, null, 2);
  return outputs;
}
