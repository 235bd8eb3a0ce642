// k6 script of the side-by-side benchmark (run by measure/k6-run.mjs, not by
// hand). One contestant per run; the mix comes from ../mix.mjs and the
// workload file bench.mjs writes (persons count, personas).
//
// Environment (all set by measure/k6-run.mjs):
//   BENCH_URL       the contestant's GraphQL URL (loopback only)
//   BENCH_QUERY     gateway | floor | fhir (the same check as a FHIR CoverageEligibilityRequest to the gateway's facade)
//   BENCH_WORKLOAD  path of the workload JSON
//   BENCH_EXECUTOR  closed (constant VUs) | rate (constant arrival rate)
//   BENCH_VUS, BENCH_RATE, BENCH_DURATION
//   BENCH_HEADERS   extra request headers per asking client: { "*": {...}, "<clientId>": {...} } (optional)
//   BENCH_SIGNED_REQUESTS  path of requests signed ahead, [{ body, context }]: posted as they are, each once, with
//                   the context header, instead of drawing from the mix (the floor: no gateway signs for it) (optional)
//   BENCH_SUMMARY   where handleSummary writes the JSON summary
import { SharedArray } from 'k6/data';
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter } from 'k6/metrics';
import { fhirCheck, fhirCheckUrl, FLOOR_QUERY, GATEWAY_QUERY, headersOf, nextCheck } from '../mix.mjs';

function required(name) {
  const value = __ENV[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

function boundedInt(name, min, max) {
  const value = Number(required(name));
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

const url = required('BENCH_URL');
if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}\/[^@]*$/.test(url)) throw new Error(`BENCH_URL ${url} is not a loopback http URL`);
const queryKind = required('BENCH_QUERY');
if (queryKind !== 'gateway' && queryKind !== 'floor' && queryKind !== 'fhir') throw new Error('BENCH_QUERY must be gateway, floor or fhir');
const fhir = queryKind === 'fhir';
const target = fhir ? fhirCheckUrl(url) : url;
const executor = required('BENCH_EXECUTOR');
const duration = required('BENCH_DURATION');
if (!/^\d{1,4}s$/.test(duration) || Number(duration.slice(0, -1)) > 3600)
  throw new Error('BENCH_DURATION must be like 20s (at most 3600s)');
const workload = JSON.parse(open(required('BENCH_WORKLOAD')));
const headersByClient = JSON.parse(__ENV.BENCH_HEADERS || '{}');
const base = fhir
  ? { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' }
  : { 'content-type': 'application/json', accept: 'application/json' };
// One header object per client, built once.
const clientHeaders = {};
for (const clientId of Object.keys(headersByClient).concat(workload.personas.map((p) => p.clientId))) {
  clientHeaders[clientId] = Object.assign({}, base, headersOf(headersByClient, clientId));
}
const anyClient = Object.assign({}, base, headersOf(headersByClient, '*'));
const query = queryKind === 'gateway' ? GATEWAY_QUERY : FLOOR_QUERY;
// Requests signed ahead, read once and shared by every VU (the signed-context header is `x-cmb-context`).
const signedRequests = __ENV.BENCH_SIGNED_REQUESTS
  ? new SharedArray('signed requests', () => JSON.parse(open(__ENV.BENCH_SIGNED_REQUESTS)))
  : null;
// What a complete answer contains; anything else (HTTP error, GraphQL error, partial data) is an error.
// A FHIR answer is complete when it is a response whose outcome is complete (not partial, not an OperationOutcome).
const expected = fhir ? '"outcome":"complete"' : queryKind === 'gateway' ? '"outcome":"' : '"careDate":"';
const failed = fhir ? '"OperationOutcome"' : '"errors"';

function scenario() {
  if (executor === 'closed') {
    return { executor: 'constant-vus', vus: boundedInt('BENCH_VUS', 1, 1000), duration, gracefulStop: '5s' };
  }
  if (executor === 'rate') {
    const rate = boundedInt('BENCH_RATE', 1, 20000);
    const preAllocatedVUs = Math.min(Math.max(Math.ceil(rate / 10), 20), 400);
    return {
      executor: 'constant-arrival-rate',
      rate,
      timeUnit: '1s',
      duration,
      preAllocatedVUs,
      maxVUs: Math.max(preAllocatedVUs, 400),
      gracefulStop: '5s',
    };
  }
  throw new Error('BENCH_EXECUTOR must be closed or rate');
}

export const options = {
  scenarios: { bench: scenario() },
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  discardResponseBodies: false,
};

const errors = new Counter('bench_errors');
// Errors by kind (k6 metrics exist only when declared at init): the first error code of the answer.
const ERROR_KINDS = [
  'SUBGRAPH_UNAVAILABLE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'BAD_USER_INPUT',
  'INTERNAL_SERVER_ERROR',
  'TIMEOUT',
  'HTTP',
  'OTHER',
];
const errorsByKind = {};
for (const kind of ERROR_KINDS) errorsByKind[kind] = new Counter(`bench_error_${kind}`);

function errorKind(response, body) {
  if (response.status === 0) return 'TIMEOUT';
  const match = /"code":"([A-Z_]+)"/.exec(body);
  if (match && errorsByKind[match[1]]) return match[1];
  if (response.status !== 200) return 'HTTP';
  return 'OTHER';
}

/** The next request: a signed one of the pool, or a check drawn from the mix with its client's headers. */
function nextRequest() {
  if (signedRequests) {
    // Each signed once and taken once by the subgraph (its jti): every iteration of the run posts its own.
    const signed = signedRequests[exec.scenario.iterationInTest % signedRequests.length];
    return { body: signed.body, headers: Object.assign({}, anyClient, { 'x-cmb-context': signed.context }) };
  }
  const check = nextCheck(workload, Math.random);
  const body = fhir ? fhirCheck(check.input) : { query, variables: { input: check.input } };
  return { body: JSON.stringify(body), headers: clientHeaders[check.clientId] || anyClient };
}

export default function () {
  const { body: payload, headers } = nextRequest();
  const response = http.post(target, payload, { headers, timeout: '10s' });
  const body = typeof response.body === 'string' ? response.body : '';
  if (response.status !== 200 || body.indexOf(failed) !== -1 || body.indexOf(expected) === -1) {
    errors.add(1);
    errorsByKind[errorKind(response, body)].add(1);
  }
}

export function handleSummary(data) {
  return { [required('BENCH_SUMMARY')]: JSON.stringify(data) };
}
