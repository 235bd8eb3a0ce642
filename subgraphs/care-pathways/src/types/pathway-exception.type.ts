import { Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/** An out-of-pathway case or authorised exception to the PCS. */
@ObjectType('PathwayException')
@Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
export class PathwayExceptionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'OUT_OF_PCS_CASE or AUTHORISED_EXCEPTION' })
  kind!: string;

  @Field(() => DateResolver)
  validFrom!: string;

  @Field(() => DateResolver, { nullable: true })
  validUntil!: string | null;
}
