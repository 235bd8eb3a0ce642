/** An audit event as the officers' console shows it: who, when, why, which fields, never the data. */
export interface AuditEventView {
  eventId: string;
  occurredAt: string;
  clientId: string;
  userId: string | null;
  organisation: string | null;
  purposes: string[];
  operationName: string | null;
  fieldPaths: string[];
  refusedFieldPaths: string[];
  subgraphs: string[];
  decision: 'ALLOWED' | 'REFUSED' | 'BREAK_GLASS';
  outcome: string;
  stage: string;
  review: { verdict: 'JUSTIFIED' | 'UNJUSTIFIED'; reviewer: string; reviewedAt: string; comment: string | null } | null;
}

/** A page of events. */
export interface AuditEventPage {
  edges: { node: AuditEventView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const EVENT_FIELDS = /* GraphQL */ `
  eventId occurredAt clientId userId organisation purposes operationName fieldPaths refusedFieldPaths subgraphs decision outcome stage
  review { verdict reviewer reviewedAt comment }
`;

/** The officers' search: a page of events matching the filter, newest first. */
export const AUDIT_SEARCH = /* GraphQL */ `
  query ConsoleAuditSearch($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      edges { node { ${EVENT_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** Break-glass accesses awaiting an officer's review, oldest first. */
export const BREAK_GLASS_QUEUE = /* GraphQL */ `
  query ConsoleBreakGlassQueue($first: Int, $after: String) {
    breakGlassAccessesAwaitingReview(first: $first, after: $after) {
      edges { node { ${EVENT_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/**
 * The justifications of the queue, asked apart: readable by ANAM's officers
 * only (medical-records keeps them), so another officer's refusal of this
 * one field leaves the queue itself readable.
 */
export const BREAK_GLASS_JUSTIFICATIONS = /* GraphQL */ `
  query ConsoleBreakGlassJustifications($first: Int, $after: String) {
    breakGlassAccessesAwaitingReview(first: $first, after: $after) {
      edges {
        node {
          eventId
          breakGlassJustification
        }
      }
    }
  }
`;

/** An officer's verdict on a break-glass access. */
export const REVIEW_BREAK_GLASS = /* GraphQL */ `
  mutation ConsoleReviewBreakGlass($input: ReviewBreakGlassAccessInput!) {
    reviewBreakGlassAccess(input: $input) {
      eventId
      verdict
      reviewer
      reviewedAt
    }
  }
`;

/** Anomalies of a window of at most 31 days. */
export const AUDIT_ANOMALIES = /* GraphQL */ `
  query ConsoleAuditAnomalies($from: DateTime!, $to: DateTime!) {
    auditAnomalies(from: $from, to: $to) {
      kind
      clientId
      organisation
      windowStart
      windowEnd
      observed
      baseline
      threshold
      detail
      detailEn
    }
  }
`;

/** The purposes of the realm, for the search's choice: the kit's one list, which the realm's scopes follow. */
export { PURPOSES } from '../../../../subgraphs/kit/src/schema/purposes';

/** Whether the signed-in user is an officer for the gateway: the queue's page flag only (nothing personal). */
export const OFFICER_PROBE = /* GraphQL */ `
  query ConsoleOfficerProbe {
    breakGlassAccessesAwaitingReview(first: 1) {
      pageInfo {
        hasNextPage
      }
    }
  }
`;
