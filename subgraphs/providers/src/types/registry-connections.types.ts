import { Public } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';
import { RegistryChangeType } from './registry-change.type';
import { RegistryVersionType } from './registry-version.type';

/** One version of a page with the cursor that resumes after it. */
@ObjectType('ProviderRegistryVersionEdge')
@Public('pagination: an opaque cursor and a version of the registry (reference data)')
export class RegistryVersionEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => RegistryVersionType)
  node!: RegistryVersionType;
}

/** The versions of the registry copy, newest first. */
@ObjectType('ProviderRegistryVersionConnection')
@Public('pagination: cursors, flags and versions of the registry (reference data)')
export class RegistryVersionConnection {
  @Field(() => [RegistryVersionEdge])
  edges!: RegistryVersionEdge[];

  @Field(() => [RegistryVersionType])
  nodes!: RegistryVersionType[];

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

/** One change of a page with the cursor that resumes after it. */
@ObjectType('ProviderRegistryChangeEdge')
@Public('pagination: an opaque cursor; the change it holds is classified on its type')
export class RegistryChangeEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => RegistryChangeType)
  node!: RegistryChangeType;
}

/** The changes of one version in INPE order. */
@ObjectType('ProviderRegistryChangeConnection')
@Public('pagination: cursors and flags; the changes it lists are classified on their type')
export class RegistryChangeConnection {
  @Field(() => [RegistryChangeEdge])
  edges!: RegistryChangeEdge[];

  @Field(() => [RegistryChangeType])
  nodes!: RegistryChangeType[];

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}
