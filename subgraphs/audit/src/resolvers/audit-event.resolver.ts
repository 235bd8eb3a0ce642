import { appError, Scopes } from '@cmb/kit';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { AuditContext } from '../context';
import { officerScope } from '../rules/caller-roles';
import { eventCriteria, narrowSearch, parsePage } from '../rules/edge-validation';
import { pageOf } from '../services/pages';
import { toAuditEvent, toBreakGlassReview } from '../services/to-audit-event';
import { AuditEventConnectionType } from '../types/audit-connection.types';
import { AuditEventsArgs } from '../types/audit-event-filter';
import { AuditEventType } from '../types/audit-event.type';
import { BreakGlassReviewType } from '../types/break-glass-review.types';
import { AuditDecisionValue } from '../types/enums';

/** Officers' search of the audit trail. */
@Resolver(() => AuditEventType)
export class AuditEventResolver {
  @Query(() => AuditEventConnectionType, {
    description:
      "Officers' search of the audit trail, newest first. Reading the trail is itself audited (the person searched included). Not for the patient portal: a person reads myAccessHistory.",
  })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
  async auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() context: AuditContext): Promise<AuditEventConnectionType> {
    // Who asks first: a caller who may not search learns nothing from input errors.
    const officer = officerScope(context.caller, context.rules.officers);
    if (!officer) throw appError('AUDIT_OFFICERS_ONLY');
    const page = parsePage(args.first, args.after, context.rules.pages);
    // An insurer's officer searches within its own members' and staff's events, whatever the filter.
    const criteria = { ...eventCriteria(args.filter, context.keyring), scope: officer.scope };
    // Filters without an index walk the trail by time: a bounded period, or a person or client.
    narrowSearch(criteria, context.rules.search.unindexedFilterMaxDays);
    return pageOf(await context.trail.search(criteria, page), (row) => toAuditEvent(row, officer.scope));
  }

  @FieldResolver(() => BreakGlassReviewType, {
    nullable: true,
    description: "A break-glass access's review by an officer; null until reviewed, and for any other access",
  })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
  async review(@Root() event: AuditEventType, @Ctx() context: AuditContext): Promise<BreakGlassReviewType | null> {
    if (event.decision !== AuditDecisionValue.BREAK_GLASS) return null;
    const review = await context.reviews.load(event.eventId);
    return review ? toBreakGlassReview(review) : null;
  }
}
