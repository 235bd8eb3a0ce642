import { normaliseUuid, notePersons, Scopes } from '@cmb/kit';
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { CarePathwaysContext } from '../context';
import {
  PriorApprovalRequestInput,
  PriorApprovalRequestPage,
  PriorApprovalRequestResult,
  PriorApprovalRequestsArgs,
} from '../types/prior-approval-request.types';

/** Prior approval requests: establishments ask, OGs decide (their batches), both read what concerns them. */
@Resolver()
export class PriorApprovalRequestResolver {
  @Mutation(() => PriorApprovalRequestResult, {
    description:
      "Asks the person's OG (the one insurer covering them today) for the prior approval of care the establishment will give; REQUESTED until the OG decides. A retry with the same key returns the same request.",
  })
  @Scopes({ anyOf: ['pathway:request'], sensitivity: 'HEALTH' })
  requestPriorApproval(
    @Arg('input', () => PriorApprovalRequestInput) input: PriorApprovalRequestInput,
    @Ctx() context: CarePathwaysContext,
  ): Promise<PriorApprovalRequestResult> {
    // The person is named in the audit trail whether the request is filed or refused.
    notePersons(context, [normaliseUuid(input.personRef)]);
    return context.priorApprovals.request(input, context.caller);
  }

  @Query(() => PriorApprovalRequestPage, {
    description:
      'Prior approval requests, newest first: for an establishment (pathway:request) those it made, for an OG (pathway:write) those addressed to it, to decide them.',
  })
  @Scopes({ anyOf: ['pathway:request', 'pathway:write'], sensitivity: 'HEALTH' })
  async priorApprovalRequests(
    @Args(() => PriorApprovalRequestsArgs) args: PriorApprovalRequestsArgs,
    @Ctx() context: CarePathwaysContext,
  ): Promise<PriorApprovalRequestPage> {
    const page = await context.priorApprovals.list(context.caller, args);
    notePersons(
      context,
      page.nodes.map((node) => node.personRef),
    );
    return page;
  }
}
