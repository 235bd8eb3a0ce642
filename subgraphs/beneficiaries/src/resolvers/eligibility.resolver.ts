import { notePersons, Scopes } from '@cmb/kit';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { BeneficiariesContext } from '../context';
import { EligibilityDecisionType } from '../types/eligibility-decision.type';
import { EligibilityInput } from '../types/eligibility-input';

/** The hot path's entry point: a real-time eligibility check at an admission desk. */
@Resolver(() => EligibilityDecisionType)
export class EligibilityResolver {
  @Query(() => EligibilityDecisionType, { description: 'Checks whether a person is covered for a care on a date' })
  @Scopes({ anyOf: ['eligibility:check'], sensitivity: 'COVERAGE' })
  eligibility(
    @Arg('input', () => EligibilityInput) input: EligibilityInput,
    @Ctx() context: BeneficiariesContext,
  ): Promise<EligibilityDecisionType> {
    return context.eligibility.identify(input, context.caller, new Date(), (person) => notePersons(context, [person]));
  }
}
