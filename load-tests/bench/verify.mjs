// Before anything is measured: every gateway contestant must give the same
// outcome as the others and as the persona fixture, for every persona and a
// few generated persons (including the last index, so a dataset smaller than
// --persons is caught); the floor must answer its one-hop query. Any mismatch
// or error fails the run.
import { CONTEXT_HEADER, contextKeyEnv, peerSigner } from './contestants/signed-context.mjs';
import {
  CARE_DATE,
  fhirCheck,
  fhirCheckUrl,
  fhirOutcome,
  FLOOR_QUERY,
  GATEWAY_QUERY,
  generatedInput,
  headersOf,
  personaInput,
  PROVIDERS,
  syntheticNationalId,
} from './mix.mjs';

/** Posts one check; `sign(body)` adds the signed context a direct call to a subgraph needs. */
async function post(url, headers, query, input, sign = null) {
  const body = JSON.stringify({ query, variables: { input } });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers, ...(sign && { [CONTEXT_HEADER]: sign(body) }) },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: { errors: [{ message: text.slice(0, 200) }] } };
  }
}

/** Posts one check to a gateway's FHIR facade; answers like {@link post}, the decision's outcome read from the response. */
async function postFhir(url, headers, input) {
  const response = await fetch(fhirCheckUrl(url), {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json', ...headers },
    body: JSON.stringify(fhirCheck(input)),
    signal: AbortSignal.timeout(10_000),
  });
  const resource = await response.json().catch(() => null);
  if (resource?.resourceType !== 'CoverageEligibilityResponse' || resource.outcome !== 'complete') {
    const issues = resource?.issue ?? resource?.error ?? [];
    return { status: response.status, body: { errors: [{ message: JSON.stringify(issues).slice(0, 300) }] } };
  }
  return { status: response.status, body: { data: { eligibility: { outcome: fhirOutcome(resource) } } } };
}

function describeErrors(body) {
  return (body.errors ?? []).map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ');
}

/**
 * `contestants`: `[{ id, queryKind, url, clientHeaders() }]` (started);
 * `contextKey`: the gateway key the floor's call is signed with (null when
 * the subgraphs need no context). Resolves with `{ checks, warnings }`;
 * rejects naming every problem.
 */
export async function verifyContestants(contestants, { personas, persons, contextKey = null }) {
  const headers = new Map();
  for (const contestant of contestants) headers.set(contestant.id, await contestant.clientHeaders());
  const gateways = contestants.filter((c) => c.queryKind === 'gateway' || c.queryKind === 'fhir');
  const floors = contestants.filter((c) => c.queryKind === 'floor');
  const problems = [];
  const warnings = [];
  const indices = [0, persons - 1, ...Array.from({ length: 6 }, () => Math.floor(Math.random() * persons))];
  const checks = [
    ...personas.map((p) => ({
      label: `${p.id} ${p.nationalId}`,
      input: personaInput(p),
      clientId: p.clientId,
      expected: p.expectedOutcome,
    })),
    ...indices.map((index, n) => {
      const provider = PROVIDERS[n % PROVIDERS.length];
      return {
        label: `generated #${index} ${syntheticNationalId(index)}`,
        input: generatedInput(index, provider),
        clientId: provider.clientId,
        mustExist: true,
      };
    }),
  ];
  for (const check of checks) {
    const answers = [];
    for (const gateway of gateways) {
      const clientHeaders = headersOf(headers.get(gateway.id), check.clientId);
      const { status, body } =
        gateway.queryKind === 'fhir'
          ? await postFhir(gateway.url, clientHeaders, check.input)
          : await post(gateway.url, clientHeaders, GATEWAY_QUERY, check.input);
      const outcome = body.data?.eligibility?.outcome ?? null;
      if (status !== 200 || body.errors?.length) problems.push(`${check.label} via ${gateway.id}: HTTP ${status} ${describeErrors(body)}`);
      else if (check.expected && outcome !== check.expected)
        problems.push(`${check.label} via ${gateway.id}: outcome ${outcome}, expected ${check.expected}`);
      else if (check.mustExist && outcome === 'NOT_FOUND')
        problems.push(`${check.label} via ${gateway.id}: NOT_FOUND (is the dataset seeded with ${persons} persons?)`);
      answers.push({ id: gateway.id, outcome, data: JSON.stringify(body.data ?? null) });
    }
    const outcomes = new Set(answers.map((a) => a.outcome));
    if (outcomes.size > 1) problems.push(`${check.label}: outcomes differ: ${answers.map((a) => `${a.id}=${a.outcome}`).join(', ')}`);
    // The FHIR facade answers the outcome alone here: its shape is not compared with the GraphQL answers'.
    const shapes = new Set(answers.filter((a) => !a.id.endsWith('-fhir')).map((a) => a.data));
    if (outcomes.size === 1 && shapes.size > 1)
      warnings.push(`${check.label}: same outcome, other fields differ: ${answers.map((a) => `${a.id}=${a.data}`).join(' | ')}`);
  }
  const signFloor = contextKey ? (body) => peerSigner(contextKeyEnv(contextKey))('beneficiaries', body) : null;
  for (const floor of floors) {
    const { status, body } = await post(
      floor.url,
      headersOf(headers.get(floor.id), personas[0].clientId),
      FLOOR_QUERY,
      personaInput(personas[0]),
      signFloor,
    );
    if (status !== 200 || body.errors?.length || !body.data?.eligibility?.id || body.data.eligibility.careDate !== CARE_DATE) {
      problems.push(`floor ${floor.id}: HTTP ${status} ${describeErrors(body) || JSON.stringify(body.data)}`);
    }
  }
  if (problems.length > 0) throw new Error(`contestants disagree or fail before measuring:\n  ${problems.join('\n  ')}`);
  return { checks: checks.length * gateways.length + floors.length, warnings };
}
