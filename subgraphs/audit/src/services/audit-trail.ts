import {
  countBreakGlassAccesses,
  detectAnomalies,
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
import type { PageRequest } from '../rules/edge-validation';

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

  /** Events matching the criteria, newest first. */
  search(criteria: AuditEventCriteria, page: PageRequest): Promise<AuditEventPage> {
    return searchAuditEvents(this.db, criteria, { first: page.first, after: page.after });
  }

  /** Break-glass events no officer has reviewed yet, oldest first (first come, first reviewed); within an OG's scope for its officer. */
  awaitingReview(page: PageRequest, scope?: OrganismScope): Promise<AuditEventPage> {
    return searchAuditEvents(this.db, { awaitingReview: true, scope }, { first: page.first, after: page.after, order: 'oldest' });
  }

  /** The reviews of some events, in their order (null where none). */
  async reviews(eventIds: readonly string[]): Promise<(BreakGlassReview | null)[]> {
    const found = await reviewsOf(this.db, eventIds);
    return eventIds.map((id) => found.get(id) ?? null);
  }

  /** Records a review (refused when the event is unknown, not a break-glass one, or already reviewed). */
  review(review: Omit<BreakGlassReview, 'reviewedAt'>): Promise<ReviewOutcome> {
    return recordBreakGlassReview(this.db, review);
  }

  /** The break-glass accesses of a window, counted by local month and verdict (the regulator's indicator). */
  breakGlassCounts(window: TimeInterval, timeZone: string): Promise<BreakGlassCount[]> {
    return countBreakGlassAccesses(this.db, window, timeZone);
  }

  /** The anomalies of a window, over the events an OG's officer reads when a scope is given. */
  anomalies(window: TimeInterval, scope?: OrganismScope): Promise<AuditAnomaly[]> {
    return detectAnomalies(this.db, window, this.anomalySettings, scope);
  }
}
