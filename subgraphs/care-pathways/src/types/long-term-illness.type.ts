import { Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/** A person's recognised long-term illness (ALD/ALC) and its co-payment exemption period: health data. */
@ObjectType('LongTermIllness')
@Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
export class LongTermIllnessType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Code of the ALD list' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'French label of the ALD list in force; null for a code no longer listed' })
  label!: string | null;

  @Field(() => String, { nullable: true, description: 'ALD or ALC' })
  kind!: string | null;

  @Field(() => String, { description: 'Version of the ALD list the condition was recognised under' })
  listVersion!: string;

  @Field(() => DateResolver)
  validFrom!: string;

  @Field(() => DateResolver, { nullable: true })
  validUntil!: string | null;

  @Field(() => String, { nullable: true, description: 'The therapeutic protocol the OG attached to the illness, when it attached one' })
  protocolCode!: string | null;

  @Field(() => String, { nullable: true, description: 'The version of the protocol attached' })
  protocolVersion!: string | null;
}
