import { Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A person of the registry. `ref` is the opaque key other subgraphs extend `Person` with. */
@ObjectType('Person')
@Directive('@key(fields: "ref")')
export class PersonType {
  @Field(() => ID, { description: 'Opaque person reference shared across subgraphs; not derived from any identifier' })
  ref!: string;

  @Field(() => String)
  @Scopes('beneficiary:read')
  nationalId!: string;

  @Field(() => String, { description: 'CIN, SOCIAL, ...' })
  @Scopes('beneficiary:read')
  nationalIdScheme!: string;

  @Field(() => String)
  @Scopes('beneficiary:read')
  firstName!: string;

  @Field(() => String)
  @Scopes('beneficiary:read')
  lastName!: string;

  @Field(() => DateResolver)
  @Scopes('beneficiary:read')
  birthDate!: string;

  @Field(() => String)
  @Scopes('beneficiary:read')
  sex!: string;
}
