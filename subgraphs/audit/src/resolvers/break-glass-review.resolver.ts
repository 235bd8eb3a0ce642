import { appError, Scopes } from '@cmb/kit';
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { AuditContext } from '../context';
import { mayReviewBreakGlass, officerScope, reviewerOf } from '../rules/caller-roles';
import { parsePage, parseReview } from '../rules/edge-validation';
import { pageOf } from '../services/pages';
import { toAuditEvent, toBreakGlassReview } from '../services/to-audit-event';
import { AuditEventConnectionType } from '../types/audit-connection.types';
import { PageArgs } from '../types/audit-event-filter';
import { BreakGlassReviewType, ReviewBreakGlassAccessInput } from '../types/break-glass-review.types';

const REFUSALS = {
  UNKNOWN_EVENT: 'AUDIT_EVENT_NOT_FOUND',
  NOT_BREAK_GLASS: 'NOT_A_BREAK_GLASS_EVENT',
  ALREADY_REVIEWED: 'BREAK_GLASS_ALREADY_REVIEWED',
} as const;

/** The officers' review of break-glass accesses: the queue, and one final review per access. */
@Resolver(() => BreakGlassReviewType)
export class BreakGlassReviewResolver {
  @Query(() => AuditEventConnectionType, {
    description:
      "Break-glass accesses no officer has reviewed yet, oldest first; an insurer's officer sees those of its own members and staff",
  })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
  async breakGlassAccessesAwaitingReview(
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() context: AuditContext,
  ): Promise<AuditEventConnectionType> {
    const officer = officerScope(context.caller, context.rules.officers);
    if (!officer) throw appError('AUDIT_OFFICERS_ONLY');
    const page = parsePage(args.first, args.after, context.rules.pages);
    return pageOf(await context.trail.awaitingReview(page, officer.scope), (row) => toAuditEvent(row, officer.scope));
  }

  @Mutation(() => BreakGlassReviewType, {
    description:
      "Records a security officer's review of a break-glass access (ANAM's officers only; the insurers' officers and the CNDP read them). Final: a second review of the same access is refused (CONFLICT).",
  })
  @Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
  async reviewBreakGlassAccess(
    @Arg('input', () => ReviewBreakGlassAccessInput) input: ReviewBreakGlassAccessInput,
    @Ctx() context: AuditContext,
  ): Promise<BreakGlassReviewType> {
    if (!mayReviewBreakGlass(context.caller, context.rules.officers)) throw appError('AUDIT_REVIEW_ANAM_ONLY');
    const review = parseReview(input, context.rules.review);
    const outcome = await context.trail.review({ ...review, reviewer: reviewerOf(context.caller), reviewerOrg: context.caller.org });
    if (outcome.refused) throw appError(REFUSALS[outcome.refused]);
    return toBreakGlassReview(outcome.recorded);
  }
}
