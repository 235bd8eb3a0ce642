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
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'IDENTITY' })
  nationalId!: string;

  @Field(() => String, { description: 'CIN, SOCIAL, ...' })
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'IDENTITY' })
  nationalIdScheme!: string;

  @Field(() => String)
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'IDENTITY' })
  firstName!: string;

  @Field(() => String)
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'IDENTITY' })
  lastName!: string;

  @Field(() => DateResolver)
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'IDENTITY' })
  birthDate!: string;

  @Field(() => String)
  @Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'IDENTITY' })
  sex!: string;
}
