import { describe, expect, it } from 'vitest';
import type { EligibilityDecision } from '../fhir/eligibility-operation';
import { at, listAt } from '../../../test/support/json-path';
import { eligibilityResponse, type PartialError } from '../fhir/eligibility-response';
import { fhirStatusOf, operationOutcome } from '../fhir/operation-outcome';
import type { EligibilityRequest } from '../fhir/read-eligibility-request';
import { CODE_SYSTEMS, EXTENSIONS, FHIR_BASE, HL7_SYSTEMS, IDENTIFIER_SYSTEMS } from '../fhir/systems';

const REQUEST: EligibilityRequest = {
  input: { nationalId: 'ZZ000010', providerInpe: 'ZZP00002' },
  purposes: ['validation', 'benefits'],
  patient: { system: IDENTIFIER_SYSTEMS.cin, value: 'ZZ000010' },
  provider: { value: 'ZZP00002', type: null },
};

const ELIGIBLE: EligibilityDecision = {
  id: 'd-1',
  eligible: true,
  outcome: 'ELIGIBLE',
  complete: true,
  careDate: '2026-03-02',
  careType: 'PHARMACY',
  checkedAt: '2026-03-02T09:30:00.000Z',
  reasons: [
    { code: 'RIGHTS_OPEN', message: 'Rights open with CNSS.' },
    { code: 'ALD_EXEMPTION', message: 'Co-payment exemption for a long-term illness.' },
  ],
  coverage: {
    organism: 'CNSS',
    regime: 'AMO_SALARIES_PRIVE',
    role: 'SPOUSE',
    memberNumber: 'M-1',
    validFrom: '2020-01-01',
    validUntil: null,
    coPaymentExempted: true,
  },
  conventioned: true,
  paymentMode: 'TIERS_PAYANT',
  provider: { kind: 'ESTABLISHMENT' },
};

const build = (decision: EligibilityDecision, request: EligibilityRequest = REQUEST, errors: PartialError[] = []) =>
  eligibilityResponse({ request, decision, errors, requestId: 'req-12345678', language: 'en' });

describe('a decision as a CoverageEligibilityResponse', () => {
  it('carries the insurer, the coverage, inforce, the benefits, the reasons and the outcome', () => {
    const response = build(ELIGIBLE);
    expect(response).toMatchObject({
      resourceType: 'CoverageEligibilityResponse',
      status: 'active',
      outcome: 'complete',
      disposition: 'Rights open with CNSS.',
      insurer: { reference: '#insurer' },
      requestor: { type: 'Organization', identifier: { system: IDENTIFIER_SYSTEMS.inpe, value: 'ZZP00002' } },
      request: { identifier: { system: IDENTIFIER_SYSTEMS.requestId, value: 'req-12345678' } },
    });
    const [insurer, coverage] = listAt(response, 'contained');
    expect(insurer).toMatchObject({ resourceType: 'Organization', id: 'insurer', name: 'CNSS' });
    expect(coverage).toMatchObject({ resourceType: 'Coverage', subscriberId: 'M-1', period: { start: '2020-01-01' } });
    expect(at(coverage, 'relationship', 'coding')).toEqual([
      { system: HL7_SYSTEMS.subscriberRelationship, code: 'spouse' },
      { system: CODE_SYSTEMS.coverageRole, code: 'SPOUSE' },
    ]);
    const insurance = at(response, 'insurance', 0);
    expect(insurance).toMatchObject({ coverage: { reference: '#coverage' }, inforce: true });
    expect(at(insurance, 'extension')).toEqual([
      { url: EXTENSIONS.paymentMode, valueCoding: { system: CODE_SYSTEMS.paymentMode, code: 'TIERS_PAYANT' } },
    ]);
    expect(at(insurance, 'item', 0, 'network', 'coding', 0, 'code')).toBe('in');
    expect(at(insurance, 'item', 0, 'benefit')).toEqual([
      {
        type: {
          coding: [{ system: HL7_SYSTEMS.benefitType, code: 'copay-percent' }],
          text: 'Co-payment exemption for a long-term illness.',
        },
        allowedUnsignedInt: 0,
      },
    ]);
    expect(
      listAt(response, 'extension').map((e) => at(e, 'valueCoding', 'code') ?? at(e, 'valueCodeableConcept', 'coding', 0, 'code')),
    ).toEqual(['ELIGIBLE', 'RIGHTS_OPEN', 'ALD_EXEMPTION']);
    expect(response.error).toBeUndefined();
  });

  it.each<[string, Partial<EligibilityDecision>, Partial<EligibilityRequest>, (response: unknown) => void]>([
    [
      'an unknown person: inforce false and the reason, the registry keeper as insurer',
      {
        eligible: false,
        outcome: 'NOT_FOUND',
        coverage: null,
        paymentMode: null,
        conventioned: null,
        reasons: [{ code: 'PERSON_NOT_FOUND', message: 'No affiliation.' }],
      },
      {},
      (response) => {
        expect(at(response, 'insurance')).toEqual([{ coverage: { type: 'Coverage', display: 'No affiliation.' }, inforce: false }]);
        expect(at(response, 'contained')).toHaveLength(1);
        expect(at(response, 'contained', 0, 'name')).toBe('ANAM');
      },
    ],
    [
      'a refusal: the last reason decides',
      {
        eligible: false,
        outcome: 'SUSPENDED',
        paymentMode: null,
        conventioned: null,
        reasons: [
          { code: 'A', message: 'first' },
          { code: 'RIGHTS_SUSPENDED', message: 'last' },
        ],
      },
      {},
      (response) => {
        expect(at(response, 'disposition')).toBe('last');
        expect(at(response, 'insurance', 0, 'inforce')).toBe(false);
        expect(at(response, 'insurance', 0, 'extension')).toBeUndefined();
        expect(at(response, 'insurance', 0, 'item', 0, 'network')).toBeUndefined();
      },
    ],
    [
      'validation alone: no benefits',
      {},
      { purposes: ['validation'] },
      (response) => expect(at(response, 'insurance', 0, 'item')).toBeUndefined(),
    ],
    [
      'no exemption: no benefit',
      { coverage: { ...(ELIGIBLE.coverage as NonNullable<EligibilityDecision['coverage']>), coPaymentExempted: false } },
      {},
      (response) => expect(at(response, 'insurance', 0, 'item', 0, 'benefit')).toBeUndefined(),
    ],
    [
      'a professional: a Practitioner requestor',
      { provider: { kind: 'PROFESSIONAL' } },
      {},
      (response) => expect(at(response, 'requestor', 'type')).toBe('Practitioner'),
    ],
  ])('%s', (_name, decision, request, check) => {
    check(build({ ...ELIGIBLE, ...decision }, { ...REQUEST, ...request }));
  });

  it('answers partial, coverage kept, with the graph error as error, when a check could not be made', () => {
    const response = build({ ...ELIGIBLE, complete: false, provider: null }, REQUEST, [
      { message: 'providers unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'SUBGRAPH_UNAVAILABLE' } },
    ]);
    expect(response.outcome).toBe('partial');
    expect(at(response, 'contained', 1, 'resourceType')).toBe('Coverage');
    expect(response.error).toEqual([
      {
        code: {
          coding: [
            { system: CODE_SYSTEMS.errorCode, code: 'SUBGRAPH_UNAVAILABLE' },
            { system: CODE_SYSTEMS.errorReason, code: 'SUBGRAPH_UNAVAILABLE' },
          ],
          text: 'providers unavailable',
        },
      },
    ]);
  });
});

describe('graph errors as an OperationOutcome', () => {
  it.each<[string, number | undefined, number, string]>([
    ['BAD_USER_INPUT', 400, 400, 'invalid'],
    ['UNAUTHENTICATED', 401, 401, 'login'],
    ['FORBIDDEN', 403, 403, 'forbidden'],
    ['RATE_LIMITED', 429, 429, 'throttled'],
    ['SUBGRAPH_UNAVAILABLE', 200, 503, 'transient'],
    ['AUDIT_UNAVAILABLE', undefined, 503, 'transient'],
    ['INTERNAL_SERVER_ERROR', 200, 500, 'exception'],
  ])('%s (HTTP %s from the graph) is HTTP %i, issue type %s', (code, graphStatus, status, type) => {
    expect(fhirStatusOf(code, graphStatus)).toBe(status);
    const outcome = operationOutcome([{ message: 'm', extensions: { code, fhirPath: 'CoverageEligibilityRequest.status' } }], 'fr');
    expect(at(outcome, 'issue', 0)).toMatchObject({ severity: 'error', code: type, expression: ['CoverageEligibilityRequest.status'] });
    expect(at(outcome, 'issue', 0, 'details', 'coding', 0)).toEqual({ system: CODE_SYSTEMS.errorCode, code });
  });

  it('names the element of an input the graph refused', () => {
    const outcome = operationOutcome([{ message: 'm', extensions: { code: 'BAD_USER_INPUT', reason: 'DATE_OUT_OF_RANGE' } }], 'fr');
    expect(at(outcome, 'issue', 0, 'expression')).toEqual(['CoverageEligibilityRequest.servicedDate']);
  });
});

describe('the published systems', () => {
  it('all live under the one stable base', () => {
    for (const uri of [...Object.values(IDENTIFIER_SYSTEMS), ...Object.values(CODE_SYSTEMS), ...Object.values(EXTENSIONS)])
      expect(uri.startsWith(`${FHIR_BASE}/`)).toBe(true);
  });
});
