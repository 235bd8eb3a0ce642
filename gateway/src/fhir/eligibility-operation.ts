/**
 * The graph's own eligibility operation, as the facade sends it through the
 * gateway's pipeline: the same query a desk application would send to
 * `/graphql`, so the same purposes, binding, limits and audit apply. Its
 * name tells the audit trail the check came through the FHIR facade.
 */
export const FHIR_ELIGIBILITY_OPERATION_NAME = 'FhirCoverageEligibility';

/** The query document (selection: what the response maps, nothing more: no
 * pathway, whose details are health data). */
export const FHIR_ELIGIBILITY_QUERY = /* GraphQL */ `
  query ${FHIR_ELIGIBILITY_OPERATION_NAME}($input: EligibilityInput!) {
    eligibility(input: $input) {
      id
      eligible
      outcome
      complete
      careDate
      careType
      checkedAt
      reasons {
        code
        message
      }
      coverage {
        organism
        regime
        role
        memberNumber
        validFrom
        validUntil
        coPaymentExempted
      }
      conventioned
      paymentMode
      provider {
        kind
      }
    }
  }
`;

/** A decision as the query selects it. */
export interface EligibilityDecision {
  id: string;
  eligible: boolean;
  outcome: string;
  complete: boolean;
  careDate: string;
  careType: string;
  checkedAt: string;
  reasons: { code: string; message: string }[];
  coverage: {
    organism: string;
    regime: string;
    role: string;
    memberNumber: string;
    validFrom: string;
    validUntil: string | null;
    coPaymentExempted: boolean;
  } | null;
  conventioned: boolean | null;
  paymentMode: string | null;
  provider: { kind: string } | null;
}
