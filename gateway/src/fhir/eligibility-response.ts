import { randomUUID } from 'node:crypto';
import type { Language } from '@cmb/kit';
import type { EligibilityDecision } from './eligibility-operation';
import type { CodeableConcept, Extension, FhirResource, Reference } from './fhir-json';
import type { EligibilityRequest } from './read-eligibility-request';
import { CODE_SYSTEMS, EXTENSIONS, HL7_SYSTEMS, IDENTIFIER_SYSTEMS } from './systems';

/**
 * The organism that answers when the decision names no coverage (an unknown
 * person, a provider not authorised): ANAM keeps the national registries
 * (domain.md §3) that answered.
 */
export const REGISTRY_KEEPER = 'ANAM';

/** The person's role in the graph to HL7's subscriber relationship. */
const RELATIONSHIP: Readonly<Record<string, string>> = { INSURED: 'self', SPOUSE: 'spouse', CHILD: 'child' };

/** A graph error the response carries beside a decision (a part that could not be read). */
export interface PartialError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** What the response is built from: the request as read, the graph's decision and errors, the request id and language. */
export interface EligibilityAnswer {
  request: EligibilityRequest;
  decision: EligibilityDecision;
  errors: readonly PartialError[];
  requestId: string;
  language: Language;
}

/** A CodeableConcept of one code of a published code system, with a display and its text. */
const concept = (system: string, code: string, display?: string): CodeableConcept =>
  display ? { coding: [{ system, code, display }], text: display } : { coding: [{ system, code }] };

/** The reason that decided: the first when eligible (rights open), else the last (the rule that refused). */
function decidingReason(decision: EligibilityDecision) {
  return decision.eligible ? decision.reasons[0] : decision.reasons[decision.reasons.length - 1];
}

/** The contained insurer: the OG of the coverage, else the keeper of the registries. */
function insurerOf(decision: EligibilityDecision): FhirResource {
  const organism = decision.coverage?.organism ?? REGISTRY_KEEPER;
  return {
    resourceType: 'Organization',
    id: 'insurer',
    identifier: [{ system: IDENTIFIER_SYSTEMS.organism, value: organism }],
    name: organism,
  };
}

/** The contained coverage: regime, role, period, member number, the OG as payor. */
function coverageOf(coverage: NonNullable<EligibilityDecision['coverage']>, patient: Reference): FhirResource {
  const relationship = RELATIONSHIP[coverage.role];
  return {
    resourceType: 'Coverage',
    id: 'coverage',
    identifier: [
      {
        system: IDENTIFIER_SYSTEMS.memberNumber,
        value: coverage.memberNumber,
        assigner: { reference: '#insurer' },
      },
    ],
    status: 'active',
    type: concept(CODE_SYSTEMS.regime, coverage.regime),
    subscriberId: coverage.memberNumber,
    beneficiary: patient,
    relationship: {
      coding: [
        ...(relationship ? [{ system: HL7_SYSTEMS.subscriberRelationship, code: relationship }] : []),
        { system: CODE_SYSTEMS.coverageRole, code: coverage.role },
      ],
    },
    period: { start: coverage.validFrom, ...(coverage.validUntil ? { end: coverage.validUntil } : {}) },
    payor: [{ reference: '#insurer' }],
    class: [{ type: { coding: [{ system: HL7_SYSTEMS.coverageClass, code: 'plan' }] }, value: coverage.regime }],
  };
}

/** The benefits of the care asked for: its category, the network (conventioned), the co-payment exemption (ALD). */
function benefitItem(decision: EligibilityDecision): Record<string, unknown> {
  const exemption = decision.reasons.find((reason) => reason.code === 'ALD_EXEMPTION');
  return {
    category: concept(CODE_SYSTEMS.careType, decision.careType),
    ...(decision.conventioned === null ? {} : { network: concept(HL7_SYSTEMS.benefitNetwork, decision.conventioned ? 'in' : 'out') }),
    ...(decision.coverage?.coPaymentExempted
      ? {
          benefit: [
            {
              type: {
                coding: [{ system: HL7_SYSTEMS.benefitType, code: 'copay-percent' }],
                ...(exemption ? { text: exemption.message } : {}),
              },
              allowedUnsignedInt: 0,
            },
          ],
        }
      : {}),
  };
}

/**
 * The graph's decision as a FHIR R4 CoverageEligibilityResponse: the
 * outcome (`complete`, or `partial` when a check could not be made), the
 * deciding reason as disposition, the insurer (the OG, contained), the
 * coverage (contained: regime, role, period, member number) with `inforce`,
 * the benefits asked for (the co-payment exemption of a long-term illness
 * as a zero co-payment), every reason of the decision in a declared
 * extension (display in the asker's language), and the graph's errors on a
 * missing part as `error`. An unknown person is a response too: `inforce`
 * false and the reason.
 */
export function eligibilityResponse(answer: EligibilityAnswer): FhirResource {
  const { request, decision, errors } = answer;
  const patient: Reference = { type: 'Patient', identifier: { system: request.patient.system, value: request.patient.value } };
  const deciding = decidingReason(decision);
  const extension: Extension[] = [
    { url: EXTENSIONS.eligibilityOutcome, valueCoding: { system: CODE_SYSTEMS.eligibilityOutcome, code: decision.outcome } },
    ...decision.reasons.map((reason) => ({
      url: EXTENSIONS.decisionReason,
      valueCodeableConcept: concept(CODE_SYSTEMS.decisionReason, reason.code, reason.message),
    })),
  ];
  const insurance = {
    ...(decision.paymentMode
      ? { extension: [{ url: EXTENSIONS.paymentMode, valueCoding: { system: CODE_SYSTEMS.paymentMode, code: decision.paymentMode } }] }
      : {}),
    coverage: decision.coverage ? { reference: '#coverage' } : { type: 'Coverage', display: deciding?.message ?? decision.outcome },
    inforce: decision.eligible,
    ...(decision.coverage
      ? {
          benefitPeriod: {
            start: decision.coverage.validFrom,
            ...(decision.coverage.validUntil ? { end: decision.coverage.validUntil } : {}),
          },
        }
      : {}),
    ...(request.purposes.includes('benefits') && decision.coverage ? { item: [benefitItem(decision)] } : {}),
  };
  const requestorType = request.provider.type ?? (decision.provider?.kind === 'ESTABLISHMENT' ? 'Organization' : 'Practitioner');
  return {
    resourceType: 'CoverageEligibilityResponse',
    id: randomUUID(),
    language: answer.language,
    contained: [insurerOf(decision), ...(decision.coverage ? [coverageOf(decision.coverage, patient)] : [])],
    extension,
    identifier: [{ system: IDENTIFIER_SYSTEMS.decisionId, value: decision.id }],
    status: 'active',
    purpose: request.purposes,
    patient,
    servicedDate: decision.careDate,
    created: decision.checkedAt,
    requestor: { type: requestorType, identifier: { system: IDENTIFIER_SYSTEMS.inpe, value: request.provider.value } },
    request: { type: 'CoverageEligibilityRequest', identifier: { system: IDENTIFIER_SYSTEMS.requestId, value: answer.requestId } },
    outcome: decision.complete ? 'complete' : 'partial',
    ...(deciding ? { disposition: deciding.message } : {}),
    insurer: { reference: '#insurer' },
    insurance: [insurance],
    ...(errors.length > 0 ? { error: errors.map((error) => ({ code: errorConcept(error) })) } : {}),
  };
}

/** A graph error as a concept: its stable code, its precise reason when it has one, and its message (in the asker's language). */
export function errorConcept(error: PartialError): CodeableConcept {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
  const reason = typeof error.extensions?.reason === 'string' ? error.extensions.reason : null;
  return {
    coding: [{ system: CODE_SYSTEMS.errorCode, code }, ...(reason ? [{ system: CODE_SYSTEMS.errorReason, code: reason }] : [])],
    text: error.message,
  };
}
