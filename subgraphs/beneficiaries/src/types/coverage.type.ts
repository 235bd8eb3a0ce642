import { Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

/** The coverage an admission desk needs to bill: who insures the person, under which regime, until when. */
@ObjectType('Coverage')
@Scopes({ anyOf: ['eligibility:check', 'beneficiary:read'], sensitivity: 'COVERAGE' })
export class CoverageType {
  @Field(() => String, { description: 'Managing organism (OG): CNSS, CNOPS, ...' })
  organism!: string;

  @Field(() => String)
  regime!: string;

  @Field(() => String, { description: 'INSURED, SPOUSE or CHILD' })
  role!: string;

  @Field(() => String)
  memberNumber!: string;

  @Field(() => DateResolver)
  validFrom!: string;

  @Field(() => DateResolver, { nullable: true })
  validUntil!: string | null;

  @Field(() => Boolean, { description: 'Rights kept only by the grace period after the end of the affiliation' })
  inGracePeriod!: boolean;

  @Field(() => Boolean, {
    description: 'Exempted from the co-payment on the day of care (long-term illness), without saying which: what admission needs',
  })
  coPaymentExempted!: boolean;

  @Field(() => [String], {
    description: 'Long-term illness (ALD/ALC) exemptions valid on the day of care: diagnoses, for care-pathway readers only',
  })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  aldExemptions!: string[];
}
