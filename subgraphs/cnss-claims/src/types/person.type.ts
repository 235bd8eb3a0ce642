import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The person of the registry of persons (beneficiaries), extended by its key
 * with the member's CNSS files (`PersonResolver.cnssClaimFiles`).
 */
@ObjectType('Person')
@Directive('@key(fields: "ref")')
export class PersonType {
  @Field(() => ID, { description: 'Opaque person reference shared across subgraphs; not derived from any identifier' })
  ref!: string;
}
