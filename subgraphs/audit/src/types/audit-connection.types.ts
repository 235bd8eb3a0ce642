import { Public, Scopes } from '@cmb/kit';
import { Field, ObjectType } from 'type-graphql';
import { AuditEventType } from './audit-event.type';

/** Where a page of a listing stands. */
@ObjectType('AuditPageInfo')
@Public('pagination bookkeeping: no personal data')
export class AuditPageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page' })
  endCursor!: string | null;
}

/** One event of a listing, with the cursor to resume after it. */
@ObjectType('AuditEventEdge')
@Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
export class AuditEventEdgeType {
  @Field(() => String)
  @Public('pagination bookkeeping: an opaque cursor')
  cursor!: string;

  @Field(() => AuditEventType)
  node!: AuditEventType;
}

/** A page of audit events. */
@ObjectType('AuditEventConnection')
@Scopes({ anyOf: ['audit:read'], sensitivity: 'HEALTH' })
export class AuditEventConnectionType {
  @Field(() => [AuditEventEdgeType])
  edges!: AuditEventEdgeType[];

  @Field(() => AuditPageInfoType)
  @Public('pagination bookkeeping: no personal data')
  pageInfo!: AuditPageInfoType;
}
