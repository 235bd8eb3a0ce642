import { Scopes, ProviderFactsType, type SharedAnswerDeclaration } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ProviderType } from './provider.type';

/** The decision fields this subgraph needs from beneficiaries to contribute its facts. */
export const PROVIDER_REQUIRES = '@requires(fields: "providerInpe careDate")';

/**
 * Its contribution depends on those two fields only (the registry's facts of
 * a provider on a day; no person, not the decision's id): the gateway may
 * reuse an answer for a minute, as it keeps establishments' attachments.
 */
export const PROVIDER_SHARED_ANSWER: SharedAnswerDeclaration = {
  typename: 'EligibilityDecision',
  fields: ['providerFacts', 'provider'],
  dependsOn: ['providerInpe', 'careDate'],
  maxAgeSeconds: 60,
};

/**
 * Hop 2 of an eligibility check: this subgraph extends the decision owned by
 * beneficiaries with the facts of the asking provider on the day of care and
 * with the provider itself.
 */
@ObjectType('EligibilityDecision')
@Directive('@key(fields: "id")')
export class EligibilityDecisionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  @Directive('@external')
  providerInpe!: string;

  @Field(() => DateResolver)
  @Directive('@external')
  careDate!: string;

  @Field(() => ProviderFactsType, { nullable: true })
  @Directive(PROVIDER_REQUIRES)
  @Directive('@inaccessible')
  providerFacts!: ProviderFactsType | null;

  @Field(() => ProviderType, { nullable: true, description: 'The provider giving the care; null when the INPE code is unknown' })
  @Directive(PROVIDER_REQUIRES)
  @Scopes({ anyOf: ['eligibility:check', 'provider:read'], sensitivity: 'PROFESSIONAL' })
  provider!: ProviderType | null;
}
