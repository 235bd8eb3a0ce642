import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * The facts hop 2 of an eligibility check contributes and hop 3 decides
 * from. One definition serves the three subgraphs that declare them
 * (beneficiaries, providers, care-pathways), so the shapes cannot drift.
 * Internal to the federation: `@inaccessible`, never shown to clients.
 */

/** What the providers subgraph says of the asking provider on the care date (R6). */
@ObjectType('ProviderFacts')
@Directive('@inaccessible')
@Directive('@shareable')
export class ProviderFactsType {
  @Field(() => Boolean, { description: 'The INPE code exists in the registry' })
  registered!: boolean;

  @Field(() => Boolean, { description: 'The code is active on the day of care' })
  active!: boolean;

  @Field(() => Boolean, {
    description: 'The provider gives care (not a pharmacy): an ELIGIBLE check by it opens a care relationship',
  })
  givesCare!: boolean;
}

/** What the care-pathways subgraph says of the person's pathway on the care date (R8, R9). */
@ObjectType('PathwayFacts')
@Directive('@inaccessible')
@Directive('@shareable')
export class PathwayFactsType {
  @Field(() => Boolean, { description: 'The coordinated care pathway applies to this person and care' })
  pcsApplies!: boolean;

  @Field(() => Boolean, { description: 'The care respects the pathway' })
  compliant!: boolean;

  @Field(() => String, { description: 'REFUSE, REDUCE or WARN where the pathway applies and is not respected' })
  penalty!: string;

  @Field(() => [String], { description: 'Long-term illness exemptions valid on the care date' })
  aldExemptions!: string[];
}
