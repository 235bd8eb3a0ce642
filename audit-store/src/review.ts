import type { AuditDatabase } from './database';
import { findAuditEvent } from './search';
import { isoTime } from './time';

/** An officer's finding on a break-glass access. */
export type BreakGlassVerdict = 'JUSTIFIED' | 'UNJUSTIFIED';

/** The verdicts, in the order officers read them. */
export const BREAK_GLASS_VERDICTS: readonly BreakGlassVerdict[] = ['JUSTIFIED', 'UNJUSTIFIED'];

/** A review of a break-glass event, as kept in `audit_review` (append-only: one per event, never changed). */
export interface BreakGlassReview {
  eventId: string;
  verdict: BreakGlassVerdict;
  comment: string | null;
  /** The reviewing officer (user id, else client id). */
  reviewer: string;
  /** The reviewer's organisation. */
  reviewerOrg: string | null;
  /** ISO-8601 UTC. */
  reviewedAt: string;
}

/** Why a review was not recorded. */
export type ReviewRefusal = 'UNKNOWN_EVENT' | 'NOT_BREAK_GLASS' | 'ALREADY_REVIEWED';

/** What became of a review: recorded, or refused with the reason. */
export type ReviewOutcome = { recorded: BreakGlassReview; refused?: undefined } | { refused: ReviewRefusal; recorded?: undefined };

function reviewRow(row: Record<string, unknown>): BreakGlassReview {
  return {
    eventId: String(row.event_id),
    verdict: String(row.verdict) as BreakGlassVerdict,
    comment: (row.comment as string | null) ?? null,
    reviewer: String(row.reviewer),
    reviewerOrg: (row.reviewer_org as string | null) ?? null,
    reviewedAt: isoTime(row.reviewed_at),
  };
}

const REVIEW_COLUMNS = 'event_id, verdict, comment, reviewer, reviewer_org, reviewed_at';

/** The reviews of some events (UUIDs), by event id; events without one are absent. */
export async function reviewsOf(db: AuditDatabase, eventIds: readonly string[]): Promise<Map<string, BreakGlassReview>> {
  if (eventIds.length === 0) return new Map();
  const ids = [...new Set(eventIds)];
  const rows =
    db.dialect === 'postgres'
      ? await db.query(`SELECT ${REVIEW_COLUMNS} FROM audit_review WHERE event_id = ANY($1::uuid[])`, [ids])
      : await db.query(`SELECT ${REVIEW_COLUMNS} FROM audit_review WHERE event_id IN (SELECT value FROM json_each($1))`, [ids]);
  return new Map(rows.map((row) => [String(row.event_id), reviewRow(row)]));
}

/** True for the error a store raises when a primary key is taken (PostgreSQL 23505, SQLite constraint). */
function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Records an officer's review of a break-glass event: refused for an unknown
 * event, an event that did not break the glass, or one already reviewed (the
 * table is append-only and keyed by event, so a concurrent second review is
 * refused too). The review never changes the event itself.
 */
export async function recordBreakGlassReview(
  db: AuditDatabase,
  review: Omit<BreakGlassReview, 'reviewedAt'> & { reviewedAt?: string },
): Promise<ReviewOutcome> {
  const event = await findAuditEvent(db, review.eventId);
  if (!event) return { refused: 'UNKNOWN_EVENT' };
  if (event.decision !== 'BREAK_GLASS') return { refused: 'NOT_BREAK_GLASS' };
  if ((await reviewsOf(db, [review.eventId])).size > 0) return { refused: 'ALREADY_REVIEWED' };
  const recorded: BreakGlassReview = {
    ...review,
    comment: review.comment ?? null,
    reviewerOrg: review.reviewerOrg ?? null,
    reviewedAt: review.reviewedAt ?? new Date().toISOString(),
  };
  try {
    await db.query(`INSERT INTO audit_review (${REVIEW_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
      recorded.eventId,
      recorded.verdict,
      recorded.comment,
      recorded.reviewer,
      recorded.reviewerOrg,
      recorded.reviewedAt,
    ]);
  } catch (error) {
    if (isDuplicateKey(error)) return { refused: 'ALREADY_REVIEWED' };
    throw error;
  }
  return { recorded };
}
