import {
  membership,
  parseCanonicalEvent,
  type AuditEvent,
  type BreakGlassReview,
  type OrganismScope,
  type StoredEventRow,
} from '@cmb/audit-store';
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

/** How the gateway keeps a national id found in a client's text (`auditText`): `#` and its pseudonym (SHA-256 hex). */
const PSEUDONYM_MARK = '#';
const PSEUDONYM_IN_TEXT = /#([0-9a-f]{64})/g;

/**
 * The pseudonyms an insurer's officer is shown of an event's persons: those
 * of the persons its organism covered (the event's memberships); of an event
 * written before they were kept, all of them when its organism covered one of
 * the event's persons, else none.
 */
function shownPseudonyms(row: StoredEventRow, organisms: readonly string[], scope: OrganismScope): (pseudonyms: string[]) => string[] {
  if (row.memberships === null) return (pseudonyms) => (organisms.includes(scope.organism) ? pseudonyms : []);
  const covered = new Set(row.memberships);
  return (pseudonyms) => pseudonyms.filter((pseudonym) => covered.has(membership(scope.organism, pseudonym)));
}

/**
 * A stored event as an officer reads it: the indexed columns, the rest from
 * its canonical body. An insurer's officer (`scope`) is told of the
 * organisms covering the persons only whether its own is among them, and of
 * the persons (their pseudonyms) only of those it covered: its staff's
 * action about persons it does not cover, or a check of its member beside
 * another insurer's, names neither the other insurer nor its persons (a
 * pseudonym compared with one of a national id it guessed would tell it who
 * a ref its staff named is).
 */
export function toAuditEvent(row: StoredEventRow, scope?: OrganismScope): AuditEventType {
  const body = bodyOf(row);
  const shown = scope ? shownPseudonyms(row, body.organisms, scope) : (pseudonyms: string[]) => pseudonyms;
  // A national id the client wrote in its operation name is kept as `#` and its pseudonym: shown on the same terms.
  const operationName = row.operationName?.replace(PSEUDONYM_IN_TEXT, (piece, pseudonym: string) =>
    shown([pseudonym]).length > 0 ? piece : PSEUDONYM_MARK,
  );
  return {
    eventId: row.eventId,
    occurredAt: new Date(row.occurredAt),
    requestId: row.requestId,
    tokenId: body.tokenId,
    clientId: row.clientId,
    userId: body.userId,
    organisation: row.org,
    purposes: row.purposes,
    operationName: operationName ?? null,
    operationHash: body.operationHash,
    fieldPaths: body.fieldPaths,
    refusedFieldPaths: body.refusedFieldPaths,
    subjects: shown(row.subjects),
    subjectRefs: shown(body.subjectRefs),
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
