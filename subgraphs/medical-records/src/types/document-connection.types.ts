import { Scopes } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';
import type { DocumentStatusCode } from '../rules/facts';
import { DocumentPointerType } from './document-pointer.type';

/** One pointer of a listing, with the cursor to resume after it. */
@ObjectType('DocumentEdge')
@Scopes({ anyOf: ['records:read', 'records:break-glass', 'records:consent'], sensitivity: 'HEALTH' })
export class DocumentEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => DocumentPointerType)
  node!: DocumentPointerType;
}

/** Where a page of a listing stands. */
@ObjectType('DocumentPageInfo')
@Scopes({ anyOf: ['records:read', 'records:break-glass', 'records:consent'], sensitivity: 'HEALTH' })
export class DocumentPageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page' })
  endCursor!: string | null;
}

/** A page of a person's pointers, newest care first. */
@ObjectType('DocumentConnection')
@Scopes({ anyOf: ['records:read', 'records:break-glass', 'records:consent'], sensitivity: 'HEALTH' })
export class DocumentConnectionType {
  @Field(() => [DocumentEdgeType])
  edges!: DocumentEdgeType[];

  @Field(() => DocumentPageInfoType)
  pageInfo!: DocumentPageInfoType;

  /** The person listed; not a field: `totalCount` reads it. */
  personRef!: string;

  /** The statuses listed; not a field: `totalCount` reads it. */
  statuses!: DocumentStatusCode[];

  /** Whether masked pointers are listed (break-glass); not a field: `totalCount` reads it. */
  includeMasked!: boolean;
}
