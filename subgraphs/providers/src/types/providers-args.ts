import { ArgsType, Field, Int } from 'type-graphql';
import rules from '../reference-data/providers-rules.json';
import { ProviderFilter } from './provider-filter';

/** Arguments of the `providers` listing, in the order of the contract: filter, page size, cursor. */
@ArgsType()
export class ProvidersArgs {
  @Field(() => ProviderFilter, { nullable: true })
  filter?: ProviderFilter | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: rules.pagination.defaultPageSize,
    description: `Page size, at most ${rules.pagination.maxPageSize}`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last provider of the previous page (endCursor)' })
  after?: string | null;
}
