import { Public } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';

/**
 * Relay page information of the medicine search. Named for this subgraph:
 * a `@shareable PageInfo` declared with other fields by another subgraph
 * would fail composition (a shared definition belongs in the kit).
 */
@ObjectType('MedicinePageInfo')
@Public('pagination over GMR reference data')
export class MedicinePageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when the page was asked after a cursor' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass it as `after` to get the next page' })
  endCursor!: string | null;
}
