import { appError, notePersons, Scopes } from '@cmb/kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { CarePathwaysContext } from '../context';
import { PathwayBatchInput, PathwayBatchResult } from '../types/pathway-batch.types';

/** An OG's writes of its members' care pathways: idempotent batches, one transaction each. */
@Resolver()
export class PathwayBatchResolver {
  @Mutation(() => PathwayBatchResult, {
    description:
      "Records an OG's care pathway facts for its own members (referring doctor, long-term illness, protocol, referral, prior approval decision), one record per row. Applied rows are committed together; refused rows are reported with a stable code and change nothing.",
  })
  @Scopes({ anyOf: ['pathway:write'], sensitivity: 'HEALTH' })
  recordPathways(
    @Arg('batch', () => PathwayBatchInput) batch: PathwayBatchInput,
    @Ctx() context: CarePathwaysContext,
  ): Promise<PathwayBatchResult> {
    const { caller } = context;
    if (caller.orgKind !== 'OG' || !caller.org) throw appError('FORBIDDEN', { paths: 'recordPathways' });
    // Every row's person, applied or refused, is named in the audit trail.
    return context.pathwayBatches.apply(batch, caller, new Date(), (refs) => notePersons(context, refs));
  }
}
