import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Provider facts this subgraph contributes to an eligibility decision (R6);
 * internal to the federation (`@inaccessible`) and shared with beneficiaries,
 * which declares the same type.
 */
@ObjectType('ProviderFacts')
@Directive('@inaccessible')
@Directive('@shareable')
export class ProviderFactsType {
  @Field(() => Boolean, { description: 'The INPE code exists in the registry' })
  registered!: boolean;

  @Field(() => Boolean, { description: 'The code is active on the day of care' })
  active!: boolean;
}
