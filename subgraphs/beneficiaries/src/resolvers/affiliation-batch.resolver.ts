import { appError, notePersons, Scopes } from '@cmb/kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { BeneficiariesContext } from '../context';
import { mayWriteFor } from '../rules/organism-scope';
import { AffiliationBatchInput, AffiliationBatchResult } from '../types/affiliation-batch.types';

/** OG writes: affiliation batches, idempotent and transactional. */
@Resolver()
export class AffiliationBatchResolver {
  @Mutation(() => AffiliationBatchResult, {
    description:
      'Creates or updates affiliations of one OG. Valid rows are committed together; invalid rows are reported and change nothing.',
  })
  @Scopes({ anyOf: ['beneficiary:write'], sensitivity: 'COVERAGE' })
  upsertAffiliations(
    @Arg('batch', () => AffiliationBatchInput) batch: AffiliationBatchInput,
    @Ctx() context: BeneficiariesContext,
  ): Promise<AffiliationBatchResult> {
    if (!mayWriteFor(context.caller, batch.organism) || !context.caller.org) throw appError('FORBIDDEN', { paths: 'upsertAffiliations' });
    // The persons each applied row created or changed, for the audit trail.
    return context.batches.apply(batch, context.caller.org, new Date(), (refs) => notePersons(context, refs));
  }
}
