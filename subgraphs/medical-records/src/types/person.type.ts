import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A person, owned by the beneficiaries subgraph. This subgraph only
 * contributes the person's document pointers (`documents`), keyed by the
 * opaque `ref` shared across subgraphs, never by a national id.
 */
@ObjectType('Person')
@Directive('@key(fields: "ref")')
export class PersonType {
  @Field(() => ID, { description: 'Opaque person reference shared across subgraphs' })
  ref!: string;
}
