import { DateResolver } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * The facts hop 2 of an eligibility check contributes and hop 3 decides
 * from. One definition serves the three subgraphs that declare them
 * (beneficiaries, providers, care-pathways), so the shapes cannot drift.
 * Internal to the federation: `@inaccessible`, never shown to clients.
 */

/**
 * A national convention of the asking provider in force on the care date
 * (R7): with which OG, for which care type (null: every care type), and how
 * that OG pays for it (TIERS_PAYANT or DIRECT).
 */
@ObjectType('ConventionFacts')
@Directive('@inaccessible')
@Directive('@shareable')
export class ConventionFactsType {
  @Field(() => String)
  organism!: string;

  @Field(() => String, { nullable: true, description: 'The care type the terms apply to; null for every care type' })
  careType!: string | null;

  @Field(() => String, { description: 'TIERS_PAYANT or DIRECT' })
  paymentMode!: string;
}

/** What the providers subgraph says of the asking provider on the care date (R6, R7). */
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

  @Field(() => [ConventionFactsType], { description: 'Conventions in force on the day of care, with every OG (R7)' })
  conventions!: ConventionFactsType[];

  @Field(() => String, { description: "Version of the INPE registry copy the facts were read from ('NONE' before the first load)" })
  registryVersion!: string;

  @Field(() => DateResolver, { nullable: true, description: 'The day ANAM extracted that version; null before the first load' })
  registryAsOf!: string | null;

  @Field(() => Boolean, { description: 'The copy is older than its configured age (five working days plus a margin)' })
  registryStale!: boolean;
}

/**
 * R6: the asking provider's facts refuse the check (its INPE unknown to the
 * registry, or not active on the day of care). Unknown facts (the providers
 * subgraph did not answer) refuse nothing: the decision says the check was
 * not made. Beneficiaries decides `PROVIDER_NOT_AUTHORIZED` by it, and
 * care-pathways then withholds the pathway it would have shown.
 */
export function providerRefused(facts: Pick<ProviderFactsType, 'registered' | 'active'> | null | undefined): boolean {
  return facts !== null && facts !== undefined && (!facts.registered || !facts.active);
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

  @Field(() => String, { description: 'Versions of the reference lists the facts were computed from' })
  referenceVersion!: string;
}
