import { Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

/** A provider's adhesion to a national convention with one OG (seeds/001_225b0d72771d4c3f.txt:L350). */
@ObjectType('Convention')
@Scopes({ anyOf: ['provider:read', 'eligibility:check'], sensitivity: 'PROFESSIONAL' })
export class ConventionType {
  @Field(() => String, { description: 'The OG bound by the convention: CNSS, CNOPS, ...' })
  organism!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The care type these terms apply to (CONSULTATION, PHARMACY, ...); null for every care type',
  })
  careType!: string | null;

  @Field(() => DateResolver)
  validFrom!: string;

  @Field(() => DateResolver, { nullable: true })
  validUntil!: string | null;

  @Field(() => String, { description: 'TIERS_PAYANT (the OG pays the provider) or DIRECT (the patient pays, then claims)' })
  paymentMode!: string;

  @Field(() => Boolean, { description: 'In force on the day of care (in a decision), else today (Africa/Casablanca)' })
  active!: boolean;
}
