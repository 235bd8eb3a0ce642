import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readEligibilityRequest, REQUEST_BOUNDS } from '../fhir/read-eligibility-request';
import { CODE_SYSTEMS, IDENTIFIER_SYSTEMS } from '../fhir/systems';

type Json = Record<string, unknown>;

/** A valid request with contained Patient and Practitioner; `change` edits a copy. */
function request(change: (r: Json & { contained: Json[] }) => void = () => undefined): Json {
  const r = {
    resourceType: 'CoverageEligibilityRequest',
    status: 'active',
    purpose: ['validation'],
    patient: { reference: '#p' },
    servicedDate: '2026-03-02',
    created: '2026-03-02T09:30:00+01:00',
    provider: { reference: '#d' },
    insurer: { display: 'AMO' },
    item: [{ category: { coding: [{ system: CODE_SYSTEMS.careType, code: 'PHARMACY' }] } }],
    contained: [
      { resourceType: 'Patient', id: 'p', identifier: [{ system: IDENTIFIER_SYSTEMS.cin, value: ' zz000001 ' }] },
      { resourceType: 'Organization', id: 'd', identifier: [{ system: IDENTIFIER_SYSTEMS.inpe, value: 'ZZP00002' }] },
    ] as Json[],
  };
  change(r);
  return r;
}

/** The refusal of a body: its reason and the element path, or null when it is read. */
function refusalOf(body: unknown): { reason: unknown; path: unknown } | null {
  try {
    readEligibilityRequest(body, 'en');
    return null;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    return { reason: error.extensions.reason, path: error.extensions.fhirPath };
  }
}

describe('reading a CoverageEligibilityRequest at the edge', () => {
  it('reads the graph input, the purposes, the patient and the provider', () => {
    expect(readEligibilityRequest(request(), 'fr')).toEqual({
      input: { nationalId: 'ZZ000001', providerInpe: 'ZZP00002', date: '2026-03-02', careType: 'PHARMACY' },
      purposes: ['validation'],
      patient: { system: IDENTIFIER_SYSTEMS.cin, value: 'ZZ000001' },
      provider: { value: 'ZZP00002', type: 'Organization' },
    });
  });

  it('reads logical references, a social id, no day and no item (the graph defaults them)', () => {
    const read = readEligibilityRequest(
      request((r) => {
        r.patient = { identifier: { system: IDENTIFIER_SYSTEMS.socialId, value: 'S20150412001' } };
        r.provider = { type: 'Practitioner', identifier: { system: IDENTIFIER_SYSTEMS.inpe, value: 'zzp00001' } };
        r.contained = [];
        delete r.servicedDate;
        delete r.item;
      }),
      'fr',
    );
    expect(read.input).toEqual({ nationalId: 'S20150412001', providerInpe: 'ZZP00001' });
    expect(read.provider).toEqual({ value: 'ZZP00001', type: 'Practitioner' });
  });

  it.each<[string, unknown, string, string | undefined]>([
    ['not an object', [], 'FHIR_JSON_MALFORMED', undefined],
    ['a Bundle', { resourceType: 'Bundle', type: 'batch' }, 'FHIR_BUNDLE_NOT_SERVED', 'Bundle'],
    ['another resource', request((r) => (r.resourceType = 'Claim')), 'FHIR_ELEMENT_INVALID', 'CoverageEligibilityRequest.resourceType'],
    ['no status', request((r) => delete r.status), 'FHIR_ELEMENT_REQUIRED', 'CoverageEligibilityRequest.status'],
    ['a draft', request((r) => (r.status = 'draft')), 'FHIR_ELEMENT_INVALID', 'CoverageEligibilityRequest.status'],
    ['no purpose', request((r) => (r.purpose = [])), 'FHIR_ELEMENT_REQUIRED', 'CoverageEligibilityRequest.purpose'],
    [
      'a purpose not served',
      request((r) => (r.purpose = ['benefits', 'auth-requirements'])),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.purpose[1]',
    ],
    [
      'too many purposes',
      request((r) => (r.purpose = Array(REQUEST_BOUNDS.purposes + 1).fill('validation'))),
      'FHIR_ELEMENT_INVALID',
      `CoverageEligibilityRequest.purpose[${REQUEST_BOUNDS.purposes}]`,
    ],
    ['no created', request((r) => delete r.created), 'FHIR_ELEMENT_REQUIRED', 'CoverageEligibilityRequest.created'],
    [
      'a created without zone',
      request((r) => (r.created = '2026-03-02T09:30:00')),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.created',
    ],
    ['no insurer', request((r) => delete r.insurer), 'FHIR_ELEMENT_REQUIRED', 'CoverageEligibilityRequest.insurer'],
    [
      'an impossible day',
      request((r) => (r.servicedDate = '2026-02-29')),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.servicedDate',
    ],
    [
      'a period of care',
      request((r) => (r.servicedPeriod = { start: '2026-03-01' })),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.servicedPeriod',
    ],
    ['no patient', request((r) => delete r.patient), 'FHIR_ELEMENT_REQUIRED', 'CoverageEligibilityRequest.patient'],
    [
      'a remote patient',
      request((r) => (r.patient = { reference: 'Patient/1' })),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.patient.reference',
    ],
    [
      'a missing contained patient',
      request((r) => (r.patient = { reference: '#x' })),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.patient.reference',
    ],
    [
      'a patient that is a Practitioner',
      request((r) => (r.patient = { reference: '#d' })),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.contained[1].resourceType',
    ],
    [
      'a contained type that is an object whose toString is not a function (it threw a TypeError, answered 500)',
      request((r) => ((r.contained[0] as Json).resourceType = { toString: 1 })),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.contained[0].resourceType',
    ],
    [
      'an undeclared identifier system',
      request((r) => ((r.contained[0] as Json).identifier = [{ system: 'urn:oid:2.16.504', value: 'ZZ000001' }])),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.contained[0].identifier[0].system',
    ],
    [
      'a CIN of the wrong form',
      request((r) => ((r.contained[0] as Json).identifier = [{ system: IDENTIFIER_SYSTEMS.cin, value: 'S20150412001' }])),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.contained[0].identifier[0].value',
    ],
    [
      'an empty identifier value',
      request((r) => ((r.contained[0] as Json).identifier = [{ system: IDENTIFIER_SYSTEMS.cin, value: ' ' }])),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.contained[0].identifier[0].value',
    ],
    [
      'a logical patient without identifier',
      request((r) => (r.patient = { display: 'someone' })),
      'FHIR_ELEMENT_REQUIRED',
      'CoverageEligibilityRequest.patient.identifier',
    ],
    ['no provider', request((r) => delete r.provider), 'FHIR_ELEMENT_REQUIRED', 'CoverageEligibilityRequest.provider'],
    [
      'an INPE of the wrong form',
      request((r) => ((r.contained[1] as Json).identifier = [{ system: IDENTIFIER_SYSTEMS.inpe, value: 'ABC' }])),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.contained[1].identifier[0].value',
    ],
    [
      'too many contained resources',
      request((r) => (r.contained = Array(REQUEST_BOUNDS.contained + 1).fill(r.contained[0]))),
      'FHIR_ELEMENT_INVALID',
      `CoverageEligibilityRequest.contained[${REQUEST_BOUNDS.contained}]`,
    ],
    [
      'a category of another system',
      request(
        (r) => (r.item = [{ category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/ex-benefitcategory', code: '30' }] } }]),
      ),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.item[0].category.coding[0].system',
    ],
    [
      'an unknown care type',
      request((r) => (r.item = [{ category: { coding: [{ system: CODE_SYSTEMS.careType, code: 'SPA' }] } }])),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.item[0].category.coding[0].code',
    ],
    [
      'two kinds of care',
      request((r) => (r.item = ['LAB', 'IMAGING'].map((code) => ({ category: { coding: [{ system: CODE_SYSTEMS.careType, code }] } })))),
      'FHIR_ELEMENT_INVALID',
      'CoverageEligibilityRequest.item[1].category',
    ],
  ])('refuses %s', (_name, body, reason, path) => {
    expect(refusalOf(body)).toEqual({ reason, path });
  });

  it('never repeats the value sent in its message', () => {
    try {
      readEligibilityRequest(
        request((r) => ((r.contained[0] as Json).identifier = [{ system: IDENTIFIER_SYSTEMS.socialId, value: 'ZZ000001' }])),
        'ar',
      );
      expect.unreachable();
    } catch (error) {
      expect((error as GraphQLError).message).not.toContain('ZZ000001');
      expect((error as GraphQLError).message).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
