import {
  countBreakGlassAccesses,
  detectAnomalies,
  isCancelledStatement,
  recordBreakGlassReview,
  reviewsOf,
  searchAuditEvents,
  type AnomalySettings,
  type AuditAnomaly,
  type AuditDatabase,
  type AuditEventCriteria,
  type AuditEventPage,
  type BreakGlassCount,
  type BreakGlassReview,
  type OrganismScope,
  type ReviewOutcome,
  type TimeInterval,
} from '@cmb/audit-store';
import { appError } from '@cmb/kit';
import type { PageRequest } from '../rules/edge-validation';

/**
 * What a read cancelled at the store's bound tells its reader: an officer's
 * search is too broad (narrow the period, name a person), a report or an
 * indicator over a window too (narrow the period); a read that only its
 * index bounds (a person's history, the review queue, reviews by event)
 * only meets a busy store.
 */
type CancelledRead = 'search' | 'report' | 'busy';

/**
 * Runs a read of the trail; a statement the store cancelled at its bound
 * (`AUDIT_SEARCH_TIMEOUT_MS`) becomes a stable error, with the advice that
 * fits the read, instead of an internal one.
 */
async function bounded<T>(read: Promise<T>, cancelled: CancelledRead): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (!isCancelledStatement(error)) throw error;
    if (cancelled === 'search') throw appError('AUDIT_SEARCH_TOO_BROAD');
    if (cancelled === 'report') throw appError('AUDIT_REPORT_TOO_BROAD');
    throw appError('SUBGRAPH_UNAVAILABLE', { subgraph: 'audit' });
  }
}

/**
 * The audit trail as this subgraph reads it: searches, the break-glass
 * review queue and reviews, anomaly reports. The SQL lives in @cmb/audit-store
 * (both dialects); this is where the subgraph's settings meet it.
 */
export class AuditTrail {
  constructor(
    private readonly db: AuditDatabase,
    private readonly anomalySettings: AnomalySettings,
  ) {}

  /** Events matching the criteria, newest first (an officer's search). */
  search(criteria: AuditEventCriteria, page: PageRequest): Promise<AuditEventPage> {
    return bounded(searchAuditEvents(this.db, criteria, { first: page.first, after: page.after }), 'search');
  }

  /** A person's own events, newest first (their access history). */
  history(criteria: AuditEventCriteria, page: PageRequest): Promise<AuditEventPage> {
    return bounded(searchAuditEvents(this.db, criteria, { first: page.first, after: page.after }), 'busy');
  }

  /** Break-glass events no officer has reviewed yet, oldest first (first come, first reviewed); within an OG's scope for its officer. */
  awaitingReview(page: PageRequest, scope?: OrganismScope): Promise<AuditEventPage> {
    return bounded(
      searchAuditEvents(this.db, { awaitingReview: true, scope }, { first: page.first, after: page.after, order: 'oldest' }),
      'busy',
    );
  }

  /** The reviews of some events, in their order (null where none). */
  async reviews(eventIds: readonly string[]): Promise<(BreakGlassReview | null)[]> {
    const found = await bounded(reviewsOf(this.db, eventIds), 'busy');
    return eventIds.map((id) => found.get(id) ?? null);
  }

  /** Records a review (refused when the event is unknown, not a break-glass one, or already reviewed). */
  review(review: Omit<BreakGlassReview, 'reviewedAt'>): Promise<ReviewOutcome> {
    return recordBreakGlassReview(this.db, review);
  }

  /** The break-glass accesses of a window, counted by local month and verdict (the regulator's indicator). */
  breakGlassCounts(window: TimeInterval, timeZone: string): Promise<BreakGlassCount[]> {
    return bounded(countBreakGlassAccesses(this.db, window, timeZone), 'report');
  }

  /** The anomalies of a window, over the events an OG's officer reads when a scope is given. */
  anomalies(window: TimeInterval, scope?: OrganismScope): Promise<AuditAnomaly[]> {
    return bounded(detectAnomalies(this.db, window, this.anomalySettings, scope), 'report');
  }
}
