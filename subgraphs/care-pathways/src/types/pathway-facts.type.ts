import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Pathway facts this subgraph contributes to an eligibility decision (hop 2);
 * beneficiaries decides from them (hop 3). Internal to the federation
 * (`@inaccessible`), and the same shape as in beneficiaries (`@shareable`).
 */
@ObjectType('PathwayFacts')
@Directive('@inaccessible')
@Directive('@shareable')
export class PathwayFactsType {
  @Field(() => Boolean)
  pcsApplies!: boolean;

  @Field(() => Boolean)
  compliant!: boolean;

  @Field(() => String)
  penalty!: string;

  @Field(() => [String])
  aldExemptions!: string[];
}
