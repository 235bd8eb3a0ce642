import { Scopes } from '@cmb/kit';
import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * A provider of the INPE registry, owned by the providers subgraph. This
 * subgraph only points at it by INPE (a document's author and custodian), so
 * that the person reading their own documents sees who wrote and keeps them
 * by name; it resolves none of its fields.
 */
@ObjectType('Provider')
@Directive('@key(fields: "inpe", resolvable: false)')
export class ProviderType {
  @Field(() => String, { description: 'INPE code: 9 digits (ZZP then 5 digits in synthetic data)' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check', 'audit:read', 'records:consent'], sensitivity: 'PROFESSIONAL' })
  inpe!: string;
}
