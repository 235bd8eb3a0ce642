import { parseCanonicalEvent, type AuditEvent, type BreakGlassReview, type OrganismScope, type StoredEventRow } from '@cmb/audit-store';
import type { AuditEventType } from '../types/audit-event.type';
import type { BreakGlassReviewType } from '../types/break-glass-review.types';
import type { AuditDecisionValue, AuditStageValue, BreakGlassVerdictValue } from '../types/enums';

/** The fields only the event's body holds; empty when the body cannot be read (verification reports why). */
function bodyOf(
  row: StoredEventRow,
): Pick<
  AuditEvent,
  | 'tokenId'
  | 'userId'
  | 'operationHash'
  | 'fieldPaths'
  | 'refusedFieldPaths'
  | 'subjectRefs'
  | 'organisms'
  | 'pseudonymKey'
  | 'subgraphs'
  | 'latencyMs'
  | 'stage'
  | 'intentEventId'
> {
  try {
    return parseCanonicalEvent(row.body).event;
  } catch {
    return {
      tokenId: null,
      userId: null,
      operationHash: '',
      fieldPaths: [],
      refusedFieldPaths: [],
      subjectRefs: [],
      organisms: [],
      pseudonymKey: '',
      subgraphs: [],
      latencyMs: 0,
      stage: 'ACCESS',
      intentEventId: null,
    };
  }
}

/**
 * A stored event as an officer reads it: the indexed columns, the rest from
 * its canonical body. An insurer's officer (`scope`) is told of the
 * organisms covering the persons only whether its own is among them, and of
 * the persons (their pseudonyms) only when it is: its staff's action about
 * persons it does not cover names neither their insurer nor them (a
 * pseudonym compared with one of a national id it guessed would tell it who
 * a ref its staff named is).
 */
export function toAuditEvent(row: StoredEventRow, scope?: OrganismScope): AuditEventType {
  const body = bodyOf(row);
  const ofItsMembers = !scope || body.organisms.includes(scope.organism);
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
    refusedFieldPaths: body.refusedFieldPaths,
    subjects: ofItsMembers ? row.subjects : [],
    subjectRefs: ofItsMembers ? body.subjectRefs : [],
    organisms: scope ? body.organisms.filter((organism) => organism === scope.organism) : body.organisms,
    stage: body.stage as AuditStageValue,
    intentEventId: body.intentEventId,
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
