import { REFUSAL_STATUS, type ErrorCode, type Language } from '@cmb/kit';
import { errorConcept, type PartialError } from './eligibility-response';
import type { FhirResource } from './fhir-json';

/** The FHIR issue type (`OperationOutcome.issue.code`) of each stable error code of the graph. */
const ISSUE_TYPE: Readonly<Partial<Record<ErrorCode, string>>> = {
  BAD_USER_INPUT: 'invalid',
  UNAUTHENTICATED: 'login',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  SUBGRAPH_UNAVAILABLE: 'transient',
  AUDIT_UNAVAILABLE: 'transient',
  QUERY_TOO_COMPLEX: 'too-costly',
  RATE_LIMITED: 'throttled',
  METHOD_NOT_ALLOWED: 'not-supported',
};

/** The element of the request a graph refusal of its input is about, by reason (the graph names its own input fields). */
const ELEMENT_OF_REASON: Readonly<Record<string, string>> = {
  DATE_OUT_OF_RANGE: 'CoverageEligibilityRequest.servicedDate',
  DATE_MALFORMED: 'CoverageEligibilityRequest.servicedDate',
  NATIONAL_ID_MALFORMED: 'CoverageEligibilityRequest.patient',
  INPE_MALFORMED: 'CoverageEligibilityRequest.provider',
};

/**
 * The HTTP status of a FHIR error answer, by code: the graph's refusal
 * statuses, and 503 for an unavailable service (GraphQL answers it with 200
 * and no data; a FHIR client reads a 2xx as a resource of the type it asked).
 */
export function fhirStatusOf(code: string, status: number | undefined): number {
  if (status !== undefined && status >= 400) return status;
  if (code === 'SUBGRAPH_UNAVAILABLE' || code === 'AUDIT_UNAVAILABLE') return 503;
  return REFUSAL_STATUS[code as ErrorCode] ?? 500;
}

/**
 * Graph errors as a FHIR OperationOutcome: one issue each, its type from the
 * error code, its details coded with the graph's own code and reason (the
 * same codes `/graphql` gives) and its message in the asker's language, and
 * the element path of a refused input as `expression` (read at the edge, or
 * refused by the graph, such as a day of care outside the window).
 */
export function operationOutcome(errors: readonly PartialError[], language: Language): FhirResource {
  return {
    resourceType: 'OperationOutcome',
    language,
    issue: errors.map((error) => {
      const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
      const path = error.extensions?.fhirPath ?? ELEMENT_OF_REASON[String(error.extensions?.reason)];
      return {
        severity: 'error',
        code: ISSUE_TYPE[code as ErrorCode] ?? 'exception',
        details: errorConcept(error),
        ...(typeof path === 'string' ? { expression: [path] } : {}),
      };
    }),
  };
}
