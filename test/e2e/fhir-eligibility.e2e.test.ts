import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PseudonymKeyring } from '@cmb/audit-store';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CODE_SYSTEMS, EXTENSIONS, IDENTIFIER_SYSTEMS } from '../../gateway/src/fhir/systems';
import { startGateway } from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';
import personasFile from '../fixtures/personas.json';
import {
  at,
  errorsOf,
  fhirBase,
  listAt,
  fhirFetch,
  postFhir,
  startValidator,
  type FhirAnswer,
  type FhirJson,
  type FhirValidator,
} from '../support/fhir-client';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const CHECK = '/CoverageEligibilityRequest';

/** A CoverageEligibilityRequest as a hospital system sends it: contained Patient and provider, identifiers of the declared systems. */
function eligibilityRequest(options: {
  nationalId: string;
  providerInpe: string;
  date?: string;
  careType?: string;
  providerType?: string;
  purpose?: string[];
}): FhirJson {
  return {
    resourceType: 'CoverageEligibilityRequest',
    status: 'active',
    purpose: options.purpose ?? ['validation', 'benefits'],
    patient: { reference: '#patient' },
    ...(options.date ? { servicedDate: options.date } : {}),
    created: '2026-03-02T09:30:00+01:00',
    provider: { reference: '#provider' },
    insurer: { display: 'AMO' },
    ...(options.careType ? { item: [{ category: { coding: [{ system: CODE_SYSTEMS.careType, code: options.careType }] } }] } : {}),
    contained: [
      { resourceType: 'Patient', id: 'patient', identifier: [{ system: IDENTIFIER_SYSTEMS.cin, value: options.nationalId }] },
      {
        resourceType: options.providerType ?? 'Practitioner',
        id: 'provider',
        identifier: [{ system: IDENTIFIER_SYSTEMS.inpe, value: options.providerInpe }],
      },
    ],
  };
}

/** The request of a persona, with the kind of resource its client is (a practice: Practitioner; else Organization). */
const personaRequest = (persona: (typeof personasFile.personas)[number], extra: { purpose?: string[] } = {}) =>
  eligibilityRequest({
    ...persona,
    providerType: persona.clientId.startsWith('cabinet-') ? 'Practitioner' : 'Organization',
    ...extra,
  });

const P01 = personasFile.personas.find((p) => p.id === 'P01') as (typeof personasFile.personas)[number];

/** The contained resource of a type. */
const contained = (resource: unknown, type: string): unknown => listAt(resource, 'contained').find((r) => at(r, 'resourceType') === type);
/** The extensions of a URL. */
const extensions = (resource: unknown, url: string): unknown[] => listAt(resource, 'extension').filter((e) => at(e, 'url') === url);
/** The codes of the decision's reasons. */
const reasonCodes = (resource: unknown): unknown[] =>
  extensions(resource, EXTENSIONS.decisionReason).map((e) => at(e, 'valueCodeableConcept', 'coding', 0, 'code'));
/** The decision's outcome. */
const outcomeCode = (resource: unknown): unknown => at(extensions(resource, EXTENSIONS.eligibilityOutcome)[0], 'valueCoding', 'code');
/** The codings of an OperationOutcome's first issue. */
const issueCodings = (outcome: unknown): unknown[] => listAt(outcome, 'issue', 0, 'details', 'coding');

/** One HAPI FHIR validator for the file: every answer below is validated by it. */
let validator: FhirValidator;
beforeAll(async () => {
  validator = await startValidator();
});
afterAll(() => validator?.stop());

describe('the FHIR R4 CoverageEligibility facade', () => {
  let audit: Client;
  beforeAll(async () => {
    audit = new Client({ connectionString: inject('auditAdminUrl') });
    await audit.connect();
  });
  afterAll(() => audit?.end());

  /** Every answer the tests produce is valid FHIR R4 for the HAPI validator: zero errors. */
  const expectValid = async (answer: FhirAnswer) => {
    const result = await validator.validate(answer.body);
    expect(errorsOf(result), JSON.stringify(answer.body)).toEqual([]);
  };
  /** An OperationOutcome with a graph code, valid. */
  const expectOutcome = async (answer: FhirAnswer, status: number, code: string, reason?: string) => {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toContain('application/fhir+json');
    expect(answer.body.resourceType).toBe('OperationOutcome');
    const codings = issueCodings(answer.body);
    expect(codings).toContainEqual({ system: CODE_SYSTEMS.errorCode, code });
    if (reason) expect(codings).toContainEqual({ system: CODE_SYSTEMS.errorReason, code: reason });
    await expectValid(answer);
  };

  it('the validator catches an invalid resource', async () => {
    const result = await validator.validate({ resourceType: 'CoverageEligibilityResponse', status: 'sleeping', outcome: 'complete' });
    expect(result.errors).toBeGreaterThan(0);
  });

  it('GET /metadata says exactly what is served: FHIR 4.0.1, JSON, one interaction', async () => {
    const answer = await fhirFetch(`${fhirBase()}/metadata`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', format: ['json'], kind: 'instance' });
    expect(listAt(answer.body, 'rest')).toHaveLength(1);
    const served = listAt(answer.body, 'rest', 0, 'resource').map((r) => [
      at(r, 'type'),
      listAt(r, 'interaction').map((i) => at(i, 'code')),
    ]);
    expect(served).toEqual([['CoverageEligibilityRequest', ['create']]]);
    await expectValid(answer);
  });

  it.each(personasFile.personas.map((p) => [p.id, p.expectedOutcome, p] as const))('persona %s: %s', async (_id, expected, persona) => {
    const answer = await postFhir(CHECK, personaRequest(persona), await authAs(persona.clientId));
    expect(answer.status).toBe(200);
    const response = answer.body;
    expect(response).toMatchObject({
      resourceType: 'CoverageEligibilityResponse',
      outcome: 'complete',
      purpose: ['validation', 'benefits'],
      servicedDate: persona.date,
    });
    expect(outcomeCode(response)).toBe(expected);
    expect(at(response, 'insurance', 0, 'inforce')).toBe(expected === 'ELIGIBLE');
    expect(reasonCodes(response).length).toBeGreaterThan(0);
    if ('reason' in persona) expect(reasonCodes(response)).toContain(persona.reason);
    const coverage = contained(response, 'Coverage');
    const insurer = contained(response, 'Organization');
    const expectedCoverage = (persona as { coverage?: Record<string, unknown> }).coverage ?? {};
    if (expectedCoverage.organism) expect(at(insurer, 'name')).toBe(expectedCoverage.organism);
    if (expectedCoverage.regime)
      expect(at(coverage, 'type', 'coding', 0)).toEqual({ system: CODE_SYSTEMS.regime, code: expectedCoverage.regime });
    if (expectedCoverage.role)
      expect(listAt(coverage, 'relationship', 'coding')).toContainEqual({ system: CODE_SYSTEMS.coverageRole, code: expectedCoverage.role });
    if (expected === 'ELIGIBLE') {
      expect(at(coverage, 'subscriberId')).toEqual(expect.any(String));
      expect(at(coverage, 'period', 'start')).toEqual(expect.any(String));
      expect(at(response, 'insurance', 0, 'coverage')).toEqual({ reference: '#coverage' });
      expect(at(response, 'insurance', 0, 'item', 0, 'category', 'coding', 0)).toEqual({
        system: CODE_SYSTEMS.careType,
        code: persona.careType,
      });
    }
    const benefits = listAt(response, 'insurance', 0, 'item', 0, 'benefit');
    if (expectedCoverage.coPaymentExempted) expect(benefits).toEqual([expect.objectContaining({ allowedUnsignedInt: 0 })]);
    else expect(benefits).toEqual([]);
    await expectValid(answer);
  });

  it('answers an unknown person with inforce false and the reason, not an error', async () => {
    const p02 = personasFile.personas.find((p) => p.id === 'P02') as (typeof personasFile.personas)[number];
    const answer = await postFhir(CHECK, personaRequest(p02), await authAs(p02.clientId));
    const response = answer.body;
    expect(answer.status).toBe(200);
    expect(response.insurance).toEqual([{ coverage: { type: 'Coverage', display: expect.any(String) }, inforce: false }]);
    expect(reasonCodes(response)).toEqual(['PERSON_NOT_FOUND']);
    expect(contained(response, 'Coverage')).toBeUndefined();
    expect(at(contained(response, 'Organization'), 'name')).toBe('ANAM');
  });

  it('gives the same decision as the graph for the same check, with validation alone', async () => {
    const answer = await postFhir(CHECK, personaRequest(P01, { purpose: ['validation'] }), await authAs(P01.clientId));
    const response = answer.body;
    expect(at(response, 'insurance', 0, 'item')).toBeUndefined();
    const graph = await postGraphQL<{ eligibility: { outcome: string; reasons: { code: string }[] } }>(
      inject('gatewayUrl'),
      'query ($i: EligibilityInput!) { eligibility(input: $i) { outcome reasons { code } } }',
      { i: { nationalId: P01.nationalId, providerInpe: P01.providerInpe, date: P01.date, careType: P01.careType } },
      await authAs(P01.clientId),
    );
    expect(outcomeCode(response)).toBe(graph.body.data?.eligibility.outcome);
    expect(reasonCodes(response)).toEqual(graph.body.data?.eligibility.reasons.map((r) => r.code));
    await expectValid(answer);
  });

  it.each([
    ['fr', 'fr'],
    ['ar', 'ar'],
    ['en-GB,en;q=0.8', 'en'],
  ])('writes the reasons in the language of Accept-Language %s', async (acceptLanguage, language) => {
    const headers = { ...(await authAs(P01.clientId)), 'accept-language': acceptLanguage };
    const answer = await postFhir(CHECK, personaRequest(P01), headers);
    const response = answer.body;
    expect(response.language).toBe(language);
    expect(answer.headers.get('content-language')).toBe(language);
    const graph = await postGraphQL<{ eligibility: { reasons: { message: string }[] } }>(
      inject('gatewayUrl'),
      'query ($i: EligibilityInput!) { eligibility(input: $i) { reasons { message } } }',
      { i: { nationalId: P01.nationalId, providerInpe: P01.providerInpe, date: P01.date, careType: P01.careType } },
      headers,
    );
    const displays = extensions(response, EXTENSIONS.decisionReason).map((e) => at(e, 'valueCodeableConcept', 'coding', 0, 'display'));
    expect(displays).toEqual(graph.body.data?.eligibility.reasons.map((r) => r.message));
    if (language === 'ar') expect(displays[0]).toMatch(/[\u0600-\u06FF]/);
    await expectValid(answer);
  });

  it("runs the README's FHIR example as written", async () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    const examples = [...readme.matchAll(/<!-- fhir-example (\{.*?\}) -->\n```json\n([\s\S]*?)```/g)];
    expect(examples).toHaveLength(1);
    const run = JSON.parse(examples[0]?.[1] ?? '{}') as { client: string; scope: string };
    const answer = await postFhir(CHECK, JSON.parse(examples[0]?.[2] ?? '{}'), await authAs(run.client, run.scope));
    expect(answer.status).toBe(200);
    expect(outcomeCode(answer.body)).toBe('ELIGIBLE');
    await expectValid(answer);
  });

  it('writes one audit event per check, under the purpose eligibility:check, naming the person by pseudonym', async () => {
    const requestId = `fhir-${randomUUID()}`;
    const answer = await postFhir(CHECK, personaRequest(P01), { ...(await authAs(P01.clientId)), 'x-request-id': requestId });
    expect(answer.status).toBe(200);
    expect(at(answer.body, 'request', 'identifier')).toEqual({ system: IDENTIFIER_SYSTEMS.requestId, value: requestId });
    const events = (await audit.query('SELECT * FROM audit_event WHERE request_id = $1', [requestId])).rows;
    expect(events).toHaveLength(1);
    const keyring = PseudonymKeyring.parse(inject('auditEnv').AUDIT_PSEUDONYM_KEYS);
    expect(events[0]).toMatchObject({ client_id: P01.clientId, decision: 'ALLOWED', subjects: [keyring.pseudonymise(P01.nationalId)] });
    const body = JSON.parse(events[0].body);
    expect(body.purposes).toContain('eligibility:check');
    expect(body.operationName).toBe('FhirCoverageEligibility');
    expect(body.fieldPaths).toContain('eligibility');
    expect(events[0].body).not.toContain(P01.nationalId);
  });

  describe('refusals, as OperationOutcome with the codes of the graph', () => {
    const valid = () => personaRequest(P01);
    const withPatientIdentifier = (identifier: Record<string, string>) => {
      const request = valid();
      return {
        ...request,
        contained: [{ ...(at(request, 'contained', 0) as object), identifier: [identifier] }, at(request, 'contained', 1)],
      };
    };

    it.each([
      [
        'an undeclared identifier system',
        () => withPatientIdentifier({ system: 'urn:oid:1.2.3', value: 'ZZ000001' }),
        'CoverageEligibilityRequest.contained[0].identifier[0].system',
      ],
      [
        'a CIN of the wrong form',
        () => withPatientIdentifier({ system: IDENTIFIER_SYSTEMS.cin, value: '12-34' }),
        'CoverageEligibilityRequest.contained[0].identifier[0].value',
      ],
      [
        'a social id given as a CIN',
        () => withPatientIdentifier({ system: IDENTIFIER_SYSTEMS.socialId, value: 'ZZ000001' }),
        'CoverageEligibilityRequest.contained[0].identifier[0].value',
      ],
      ['another resource type', () => ({ ...valid(), resourceType: 'Patient' }), 'CoverageEligibilityRequest.resourceType'],
      ['no created', () => ({ ...valid(), created: undefined }), 'CoverageEligibilityRequest.created'],
      ['an impossible day of care', () => ({ ...valid(), servicedDate: '2026-02-30' }), 'CoverageEligibilityRequest.servicedDate'],
      [
        'a day of care outside the window the graph serves',
        () => ({ ...valid(), servicedDate: '1990-01-01' }),
        'CoverageEligibilityRequest.servicedDate',
      ],
      ['a purpose not served', () => ({ ...valid(), purpose: ['discovery'] }), 'CoverageEligibilityRequest.purpose[0]'],
      [
        'an unknown kind of care',
        () => ({ ...valid(), item: [{ category: { coding: [{ system: CODE_SYSTEMS.careType, code: 'MASSAGE' }] } }] }),
        'CoverageEligibilityRequest.item[0].category.coding[0].code',
      ],
    ])('refuses %s with the element path', async (_name, build, path) => {
      const answer = await postFhir(CHECK, build(), await authAs(P01.clientId));
      await expectOutcome(answer, 400, 'BAD_USER_INPUT');
      expect(at(answer.body, 'issue', 0, 'expression')).toEqual([path]);
      expect(JSON.stringify(answer.body)).not.toContain('ZZ000001');
    });

    it('records a refusal at the edge in the audit trail as /graphql does: refused, nothing served, naming the person', async () => {
      const requestId = `fhir-refused-${randomUUID()}`;
      const request = { ...valid(), item: [{ category: { coding: [{ system: CODE_SYSTEMS.careType, code: 'MASSAGE' }] } }] };
      const answer = await postFhir(CHECK, request, { ...(await authAs(P01.clientId)), 'x-request-id': requestId });
      await expectOutcome(answer, 400, 'BAD_USER_INPUT');
      const events = (await audit.query('SELECT * FROM audit_event WHERE request_id = $1', [requestId])).rows;
      expect(events).toHaveLength(1);
      const keyring = PseudonymKeyring.parse(inject('auditEnv').AUDIT_PSEUDONYM_KEYS);
      expect(events[0]).toMatchObject({ client_id: P01.clientId, decision: 'REFUSED', subjects: [keyring.pseudonymise(P01.nationalId)] });
      expect(JSON.parse(events[0].body)).toMatchObject({
        outcome: 'BAD_USER_INPUT',
        fieldPaths: [],
        refusedFieldPaths: ['eligibility'],
        operationName: 'FhirCoverageEligibility',
        subgraphs: [],
      });
      expect(events[0].body).not.toContain(P01.nationalId);
    });

    it('refuses a Bundle, sent to the type or to the base, saying it is not served', async () => {
      const bundle = {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ resource: valid(), request: { method: 'POST', url: 'CoverageEligibilityRequest' } }],
      };
      const headers = await authAs(P01.clientId);
      await expectOutcome(await postFhir(CHECK, bundle, headers), 400, 'BAD_USER_INPUT', 'FHIR_BUNDLE_NOT_SERVED');
      await expectOutcome(await postFhir('', bundle, headers), 400, 'BAD_USER_INPUT', 'FHIR_BUNDLE_NOT_SERVED');
    });

    it('refuses a search by identifier over GET, so no national id sits in a URL', async () => {
      const answer = await fhirFetch(`${fhirBase()}${CHECK}?patient.identifier=${IDENTIFIER_SYSTEMS.cin}|ZZ000001`, {
        headers: await authAs(P01.clientId),
      });
      await expectOutcome(answer, 405, 'METHOD_NOT_ALLOWED', 'PERSONAL_DATA_OVER_GET');
      expect(answer.headers.get('allow')).toBe('POST');
    });

    it('refuses a request without a token (401) and one without the purpose (403)', async () => {
      const anonymous = await postFhir(CHECK, valid());
      await expectOutcome(anonymous, 401, 'UNAUTHENTICATED');
      expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
      await expectOutcome(await postFhir(CHECK, valid(), await authAs('test-no-scope', '')), 403, 'FORBIDDEN');
    });

    it('answers a body that is not JSON with 401 without a token (it was 415, before the token was read) and 415 with one', async () => {
      const asText = (headers: Record<string, string>) =>
        fhirFetch(`${fhirBase()}${CHECK}`, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: 'hello' });
      await expectOutcome(await asText({}), 401, 'UNAUTHENTICATED');
      await expectOutcome(await asText(await authAs(P01.clientId)), 415, 'BAD_USER_INPUT', 'FHIR_MEDIA_TYPE');
    });

    it('refuses a provider the token may not act for (provider binding)', async () => {
      const request = eligibilityRequest({
        nationalId: 'ZZ000001',
        providerInpe: 'ZZP00003',
        date: '2026-03-02',
        careType: 'CONSULTATION',
      });
      await expectOutcome(await postFhir(CHECK, request, await authAs('cabinet-zzp00001')), 403, 'FORBIDDEN', 'PROVIDER_BINDING');
    });

    it('bounds the body and the lists', async () => {
      const large = { ...valid(), note: 'x'.repeat(70_000) };
      expect((await postFhir(CHECK, large, await authAs(P01.clientId))).status).toBe(413);
      const many = { ...valid(), purpose: ['validation', 'validation', 'validation', 'validation', 'validation'] };
      await expectOutcome(await postFhir(CHECK, many, await authAs(P01.clientId)), 400, 'BAD_USER_INPUT');
    });

    it('answers an interaction it does not serve with 404', async () => {
      await expectOutcome(await fhirFetch(`${fhirBase()}/Patient/1`), 404, 'NOT_FOUND', 'FHIR_INTERACTION_NOT_SERVED');
    });
  });
});

interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/** A gateway routed like the shared one, except one subgraph routed to a port where nothing listens. */
async function gatewayWithout(subgraph: string, env: Record<string, string> = {}): Promise<RunningGateway> {
  const deadPort = await freePort();
  const subgraphUrls = { ...inject('subgraphUrls'), [subgraph]: `http://127.0.0.1:${deadPort}/graphql` };
  return startGateway({
    port: await freePort(),
    subgraphUrls,
    quiet: true,
    env: { ...inject('gatewayEnv'), SUBGRAPH_TIMEOUT_MS: '1000', ...env },
  });
}

describe('the FHIR facade when a subgraph is down', () => {
  let withoutProviders: RunningGateway;
  let withoutPathways: RunningGateway;
  let withoutBeneficiaries: RunningGateway;
  beforeAll(async () => {
    [withoutProviders, withoutPathways, withoutBeneficiaries] = await Promise.all([
      gatewayWithout('providers', { RATE_LIMIT_PER_SECOND: '0.2', RATE_LIMIT_BURST: '2' }),
      gatewayWithout('care-pathways'),
      gatewayWithout('beneficiaries'),
    ]);
  });
  afterAll(async () => {
    await withoutProviders?.stop();
    await withoutPathways?.stop();
    await withoutBeneficiaries?.stop();
  });

  it('answers partial with the coverage still there when providers is down, then holds the client to its rate', async () => {
    const headers = await authAs(P01.clientId);
    const answer = await postFhir(CHECK, personaRequest(P01), headers, fhirBase(withoutProviders.url));
    expect(answer.status).toBe(200);
    const response = answer.body;
    expect(response.outcome).toBe('partial');
    expect(at(contained(response, 'Coverage'), 'type', 'coding', 0, 'code')).toBe('AMO_SALARIES_PRIVE');
    expect(reasonCodes(response)).toContain('PROVIDER_CHECK_UNAVAILABLE');
    expect(listAt(response, 'error').map((e) => at(e, 'code', 'coding', 0, 'code'))).toContain('SUBGRAPH_UNAVAILABLE');
    expect(errorsOf(await validator.validate(response))).toEqual([]);

    let limited: FhirAnswer | undefined;
    for (let attempt = 0; attempt < 4 && !limited; attempt++) {
      const next = await postFhir(CHECK, personaRequest(P01), headers, fhirBase(withoutProviders.url));
      if (next.status === 429) limited = next;
    }
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(issueCodings(limited?.body)).toContainEqual({ system: CODE_SYSTEMS.errorCode, code: 'RATE_LIMITED' });
    expect(errorsOf(await validator.validate(limited?.body))).toEqual([]);
  });

  it('answers partial with the coverage still there when care-pathways is down', async () => {
    const answer = await postFhir(CHECK, personaRequest(P01), await authAs(P01.clientId), fhirBase(withoutPathways.url));
    expect(answer.status).toBe(200);
    expect(answer.body.outcome).toBe('partial');
    expect(at(contained(answer.body, 'Coverage'), 'type', 'coding', 0, 'code')).toBe('AMO_SALARIES_PRIVE');
    expect(reasonCodes(answer.body)).toContain('PATHWAY_CHECK_UNAVAILABLE');
    expect(errorsOf(await validator.validate(answer.body))).toEqual([]);
  });

  it('answers an OperationOutcome with SUBGRAPH_UNAVAILABLE when beneficiaries is down', async () => {
    const answer = await postFhir(CHECK, personaRequest(P01), await authAs(P01.clientId), fhirBase(withoutBeneficiaries.url));
    expect(answer.status).toBe(503);
    expect(answer.body.resourceType).toBe('OperationOutcome');
    expect(issueCodings(answer.body)).toContainEqual({ system: CODE_SYSTEMS.errorCode, code: 'SUBGRAPH_UNAVAILABLE' });
    expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|stacktrace/);
    expect(errorsOf(await validator.validate(answer.body))).toEqual([]);
  });
});
