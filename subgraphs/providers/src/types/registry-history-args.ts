import { ArgsType, Field, Int } from 'type-graphql';
import rules from '../reference-data/providers-rules.json';
import { RegistryChangeKindValue } from './registry-enums';

/** Arguments of `providerRegistryVersions`: page size and cursor. */
@ArgsType()
export class RegistryVersionsArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: rules.pagination.defaultPageSize,
    description: `Page size, at most ${rules.pagination.maxPageSize}`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last version of the previous page (endCursor)' })
  after?: string | null;
}

/** Arguments of `providerRegistryChanges`: the version, a kind of change, page size and cursor. */
@ArgsType()
export class RegistryChangesArgs {
  @Field(() => String, { description: 'The version (INPE-YYYY-MM-DD)' })
  versionId!: string;

  @Field(() => RegistryChangeKindValue, { nullable: true, description: 'Only the changes of this kind' })
  kind?: RegistryChangeKindValue | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: rules.pagination.defaultPageSize,
    description: `Page size, at most ${rules.pagination.maxPageSize}`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last change of the previous page (endCursor)' })
  after?: string | null;
}
