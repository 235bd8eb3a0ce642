import { Public } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';

/**
 * The version of the INPE registry in force. ANAM publishes it to the OGs
 * every five working days (seeds/001_225b0d72771d4c3f.txt:L921); `stale`
 * warns when the copy is older than that.
 */
@ObjectType('ProviderRegistryVersion')
@Public('reference data: version and size of the INPE registry published by ANAM')
export class RegistryVersionType {
  @Field(() => String)
  id!: string;

  @Field(() => DateResolver)
  publishedOn!: string;

  @Field(() => Int)
  providerCount!: number;

  @Field(() => Int, { description: 'Working days since publication, today in Africa/Casablanca' })
  workingDaysSincePublication!: number;

  @Field(() => Boolean, { description: 'True when a newer version should have arrived' })
  stale!: boolean;
}
