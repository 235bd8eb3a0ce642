import { Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/** A referral by the referring doctor to a specialty or a named provider. */
@ObjectType('Referral')
@Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
export class ReferralType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'INPE of the referring doctor who issued it' })
  fromInpe!: string;

  @Field(() => String, { nullable: true })
  toSpecialty!: string | null;

  @Field(() => String, { nullable: true, description: 'INPE referred to; null when any provider of the specialty may see the person' })
  toInpe!: string | null;

  @Field(() => DateResolver)
  issuedOn!: string;

  @Field(() => DateResolver)
  validUntil!: string;
}
