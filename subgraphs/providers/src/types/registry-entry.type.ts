import { Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

/**
 * A code of the registry as one version left it, in a diff. A
 * professional's name is personal data: it is read only under the
 * provider-reading purpose, while ANAM loading the file (`reference:import`)
 * sees which fields changed and every other value.
 */
@ObjectType('ProviderRegistryEntry')
@Scopes({ anyOf: ['reference:import', 'provider:read'], sensitivity: 'PROFESSIONAL' })
export class RegistryEntryType {
  @Field(() => String, { description: 'PROFESSIONAL or ESTABLISHMENT' })
  kind!: string;

  @Field(() => String)
  category!: string;

  @Field(() => String, { nullable: true })
  specialty!: string | null;

  @Field(() => String, { description: "A professional's name (personal data) or an establishment's name" })
  @Scopes({ anyOf: ['provider:read'], sensitivity: 'PROFESSIONAL' })
  name!: string;

  @Field(() => String)
  sector!: string;

  @Field(() => String)
  region!: string;

  @Field(() => String, { description: 'ACTIVE, SUSPENDED or CLOSED' })
  status!: string;

  @Field(() => DateResolver)
  activeFrom!: string;

  @Field(() => DateResolver, { nullable: true })
  activeUntil!: string | null;
}
