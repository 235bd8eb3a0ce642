import { Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/** A registration of a person in one regime of one OG. */
@ObjectType('Affiliation')
@Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
export class AffiliationType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  organism!: string;

  @Field(() => String)
  regime!: string;

  @Field(() => String)
  role!: string;

  @Field(() => String)
  memberNumber!: string;

  @Field(() => DateResolver)
  validFrom!: string;

  @Field(() => DateResolver, { nullable: true })
  validUntil!: string | null;

  @Field(() => String, { description: 'ACTIVE, SUSPENDED or CLOSED' })
  status!: string;

  @Field(() => String, { nullable: true })
  suspensionReason!: string | null;

  @Field(() => Boolean, { description: 'Loaded from a legacy registry rather than through the write path' })
  migrated!: boolean;
}
