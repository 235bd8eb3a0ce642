import { parseCanonicalEvent, type AuditEvent, type BreakGlassReview, type StoredEventRow } from '@cmb/audit-store';
import type { AuditEventType } from '../types/audit-event.type';
import type { BreakGlassReviewType } from '../types/break-glass-review.types';
import type { AuditDecisionValue, BreakGlassVerdictValue } from '../types/enums';

/** The fields only the event's body holds; empty when the body cannot be read (verification reports why). */
function bodyOf(
  row: StoredEventRow,
): Pick<AuditEvent, 'tokenId' | 'userId' | 'operationHash' | 'fieldPaths' | 'pseudonymKey' | 'subgraphs' | 'latencyMs'> {
  try {
    return parseCanonicalEvent(row.body).event;
  } catch {
    return { tokenId: null, userId: null, operationHash: '', fieldPaths: [], pseudonymKey: '', subgraphs: [], latencyMs: 0 };
  }
}

/** A stored event as the officers read it: the indexed columns, the rest from its canonical body. */
export function toAuditEvent(row: StoredEventRow): AuditEventType {
  const body = bodyOf(row);
  return {
    eventId: row.eventId,
    occurredAt: new Date(row.occurredAt),
    requestId: row.requestId,
    tokenId: body.tokenId,
    clientId: row.clientId,
    userId: body.userId,
    organisation: row.org,
    purposes: row.purposes,
    operationName: row.operationName,
    operationHash: body.operationHash,
    fieldPaths: body.fieldPaths,
    subjects: row.subjects,
    pseudonymKey: body.pseudonymKey,
    decision: row.decision as AuditDecisionValue,
    outcome: row.outcome,
    subgraphs: body.subgraphs,
    latencyMs: body.latencyMs,
    writerId: row.writerId,
    position: row.position,
    hash: row.hash,
  };
}

/** A stored review as served. */
export function toBreakGlassReview(review: BreakGlassReview): BreakGlassReviewType {
  return {
    eventId: review.eventId,
    verdict: review.verdict as BreakGlassVerdictValue,
    comment: review.comment,
    reviewer: review.reviewer,
    reviewerOrganisation: review.reviewerOrg,
    reviewedAt: new Date(review.reviewedAt),
  };
}
