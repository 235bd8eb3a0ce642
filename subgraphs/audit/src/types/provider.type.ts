import { Scopes } from '@cmb/kit';
import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * A provider of the INPE registry, owned by the providers subgraph. This
 * subgraph only points at it by INPE, to require its name and kind for the
 * person's access history (`AccessingOrganisation.name`); it resolves none of
 * its fields. Its key is read under `audit:read` too (as in providers): the
 * gateway's fetch of a history selects it, and this subgraph checks the
 * purposes of every fetch.
 */
@ObjectType('Provider')
@Directive('@key(fields: "inpe", resolvable: false)')
export class ProviderType {
  @Field(() => String, { description: 'INPE code: 9 digits (ZZP then 5 digits in synthetic data)' })
  @Scopes({ anyOf: ['provider:read', 'eligibility:check', 'audit:read', 'records:consent'], sensitivity: 'PROFESSIONAL' })
  inpe!: string;

  @Field(() => String)
  @Directive('@external')
  name?: string;

  @Field(() => String)
  @Directive('@external')
  kind?: string;
}
