import type { FhirResource } from './fhir-json';
import { SERVED_PURPOSES } from './read-eligibility-request';
import { CODE_SYSTEMS, IDENTIFIER_SYSTEMS } from './systems';

/** The day this statement last changed: bump it with any change to what the facade serves. */
export const CAPABILITY_DATE = '2026-12-03';

/**
 * What `GET /fhir/r4/metadata` answers: exactly what the facade serves.
 * FHIR 4.0.1, JSON only, one resource (CoverageEligibilityRequest) and one
 * interaction on it (a POST answered at once with a CoverageEligibilityResponse,
 * nothing stored), behind a bearer token of the realm under the purpose
 * `eligibility:check`. No search, read, history, batch or transaction.
 */
export function capabilityStatement(): FhirResource {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: CAPABILITY_DATE,
    name: 'CmbCoverageEligibilityFacade',
    title: 'CMB/AMO federation gateway: FHIR R4 CoverageEligibility facade',
    publisher: 'CMB federation gateway',
    kind: 'instance',
    implementation: {
      description: `Rights check of the CMB/AMO federation: POST a CoverageEligibilityRequest, get a CoverageEligibilityResponse. The same rules, purposes and audit as the graph's eligibility query.`,
    },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Only POST /CoverageEligibilityRequest and GET /metadata are served. No search (no national id in a URL), no read, no batch or transaction Bundle.',
        security: {
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] }],
          description:
            'An access token of the realm in the Authorization header (Bearer), issued for the single purpose eligibility:check; an establishment or a professional checks only for care it gives (provider binding).',
        },
        resource: [
          {
            type: 'CoverageEligibilityRequest',
            documentation: [
              `Processed at once and not stored: the answer is a CoverageEligibilityResponse (or an OperationOutcome).`,
              `purpose: ${SERVED_PURPOSES.join(', ')}.`,
              `patient: an identifier of system ${IDENTIFIER_SYSTEMS.cin} or ${IDENTIFIER_SYSTEMS.socialId} (contained Patient or logical reference).`,
              `provider: an identifier of system ${IDENTIFIER_SYSTEMS.inpe} (contained Practitioner or Organization, or logical reference).`,
              `item.category: one code of ${CODE_SYSTEMS.careType}.`,
            ].join(' '),
            interaction: [{ code: 'create', documentation: 'POST: a rights check, answered with a CoverageEligibilityResponse.' }],
          },
        ],
      },
    ],
  };
}
