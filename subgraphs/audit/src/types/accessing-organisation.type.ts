import { Scopes } from '@cmb/kit';
import { Directive, Field, ObjectType } from 'type-graphql';
import { ProviderType } from './provider.type';

/**
 * The organisation that accessed a person's data, as the person's access
 * history shows it: its code and name, never the clerk, the client or the
 * user. An establishment's or professional's name comes from the INPE
 * registry through federation (`registryEntry`, internal, then `name` and
 * `kind` with `@requires`); the others' from the subgraph's versioned list.
 */
@ObjectType('AccessingOrganisation')
@Directive('@key(fields: "code")')
@Scopes({ anyOf: ['audit:read'], sensitivity: 'PROFESSIONAL' })
export class AccessingOrganisationType {
  @Field(() => String, { description: "An establishment's or professional's INPE, or CNSS, CNOPS, ANAM, CNDP" })
  code!: string;

  @Field(() => ProviderType, { nullable: true, description: 'The INPE registry entry of a provider organisation (federation only)' })
  @Directive('@inaccessible')
  registryEntry?: ProviderType | null;
}
