import { Public } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';
import { ProviderType } from './provider.type';

/** One provider of a page with the cursor that resumes after it. */
@ObjectType('ProviderEdge')
@Public('pagination: an opaque cursor; the provider it holds is classified field by field')
export class ProviderEdge {
  @Field(() => String, { description: 'Opaque cursor' })
  cursor!: string;

  @Field(() => ProviderType)
  node!: ProviderType;
}

/** A page of providers in INPE order, with opaque cursors (keyset pagination). */
@ObjectType('ProviderConnection')
@Public('pagination: cursors and flags; the providers it lists are classified field by field')
export class ProviderConnection {
  @Field(() => [ProviderEdge])
  edges!: ProviderEdge[];

  @Field(() => [ProviderType], { description: 'The providers of the page, without cursors' })
  nodes!: ProviderType[];

  @Field(() => String, { nullable: true, description: 'Cursor of the last provider of the page; pass it as `after` for the next page' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}
