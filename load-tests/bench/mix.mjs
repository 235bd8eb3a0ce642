// The request mix of the benchmark, shared by Node (verification) and k6 (the
// load): plain functions, no imports, so both runtimes load the same file.
// Varied persons on purpose: a peer that merges identical in-flight requests
// would otherwise look faster than calling the subgraph directly.

/** The subgraphs an eligibility check reads (the rest of the federation is not on its path). */
export const HOT_SUBGRAPHS = ['beneficiaries', 'providers', 'care-pathways'];

/** Care date of every check (the personas' date). */
export const CARE_DATE = '2026-03-02';

/**
 * The persona providers the generated persons are checked at, each with a
 * care type that fits it and the realm client of that provider's software
 * (a client may only ask for care at its own INPE).
 */
export const PROVIDERS = [
  { inpe: 'ZZP00001', careType: 'CONSULTATION', clientId: 'cabinet-zzp00001' },
  { inpe: 'ZZP00002', careType: 'PHARMACY', clientId: 'pharmacie-zzp00002' },
  { inpe: 'ZZP00004', careType: 'HOSPITALISATION', clientId: 'hopital-zzp00004' },
];

/** Share of checks that ask about a persona (fixed answers); the rest are random generated persons. */
export const PERSONA_SHARE = 0.1;

/** The full eligibility decision through the gateways: three hops, three subgraphs. */
export const GATEWAY_QUERY =
  'query BenchEligibility($input: EligibilityInput!) { eligibility(input: $input) { eligible outcome reasons { code } coverage { organism regime role } provider { inpe active } pathway { inPathway } } }';

/** The floor: the beneficiaries subgraph called directly, one hop, no decision. */
export const FLOOR_QUERY = 'query BenchFloor($input: EligibilityInput!) { eligibility(input: $input) { id careDate } }';

/**
 * The URIs a FHIR check names (as `gateway/src/fhir/systems.ts` publishes
 * them; a unit test keeps the two equal): the identifier systems of the CIN
 * and the INPE, the code system of the kinds of care.
 */
export const FHIR_SYSTEMS = {
  cin: 'https://specs.cmb.ma/fhir/sid/cin',
  inpe: 'https://specs.cmb.ma/fhir/sid/inpe',
  careType: 'https://specs.cmb.ma/fhir/CodeSystem/care-type',
};

/** Where the FHIR facade takes a check, from a gateway's GraphQL URL. */
export function fhirCheckUrl(graphqlUrl) {
  return graphqlUrl.replace(/\/graphql$/, '/fhir/r4/CoverageEligibilityRequest');
}

/**
 * The same check as a FHIR R4 CoverageEligibilityRequest, as hospital
 * software sends it to the facade: contained Patient and Practitioner by
 * identifier, the day and kind of care, purposes validation and benefits.
 */
export function fhirCheck(input) {
  return {
    resourceType: 'CoverageEligibilityRequest',
    status: 'active',
    purpose: ['validation', 'benefits'],
    patient: { reference: '#patient' },
    servicedDate: input.date,
    created: `${input.date}T09:00:00+01:00`,
    provider: { reference: '#provider' },
    insurer: { display: 'AMO' },
    item: [{ category: { coding: [{ system: FHIR_SYSTEMS.careType, code: input.careType }] } }],
    contained: [
      { resourceType: 'Patient', id: 'patient', identifier: [{ system: FHIR_SYSTEMS.cin, value: input.nationalId }] },
      { resourceType: 'Practitioner', id: 'provider', identifier: [{ system: FHIR_SYSTEMS.inpe, value: input.providerInpe }] },
    ],
  };
}

/** The decision's outcome in a CoverageEligibilityResponse (its declared extension), or null. */
export function fhirOutcome(resource) {
  const extension = (resource?.extension ?? []).find((e) => e.url === 'https://specs.cmb.ma/fhir/StructureDefinition/eligibility-outcome');
  return extension?.valueCoding?.code ?? null;
}

/** The national id of the i-th generated person (as `syntheticNationalId` in subgraphs/kit). */
export function syntheticNationalId(index) {
  return `Z${String.fromCharCode(65 + Math.floor(index / 1_000_000))}${String(index % 1_000_000).padStart(6, '0')}`;
}

/** The input of a persona check. */
export function personaInput(persona) {
  return { nationalId: persona.nationalId, providerInpe: persona.providerInpe, date: persona.date, careType: persona.careType };
}

/** The input of a generated person's check at one of the persona providers. */
export function generatedInput(index, provider) {
  return { nationalId: syntheticNationalId(index), providerInpe: provider.inpe, date: CARE_DATE, careType: provider.careType };
}

/**
 * The next check of the mix: `{ input, clientId }` (the client asking).
 * `workload` is `{ persons, personas }` (personas as in
 * test/fixtures/personas.json); `random` returns a number in [0, 1).
 */
export function nextCheck(workload, random) {
  if (random() < PERSONA_SHARE) {
    const persona = workload.personas[Math.floor(random() * workload.personas.length)];
    return { input: personaInput(persona), clientId: persona.clientId };
  }
  const provider = PROVIDERS[Math.floor(random() * PROVIDERS.length)];
  return { input: generatedInput(Math.floor(random() * workload.persons), provider), clientId: provider.clientId };
}

/** Every client the mix asks as. */
export function clientsOf(personas) {
  return [...new Set([...PROVIDERS.map((p) => p.clientId), ...personas.map((p) => p.clientId)])];
}

/** The headers of one client from `{ '*': {...}, '<clientId>': {...} }`. */
export function headersOf(byClient, clientId) {
  return Object.assign({}, byClient['*'], byClient[clientId]);
}
