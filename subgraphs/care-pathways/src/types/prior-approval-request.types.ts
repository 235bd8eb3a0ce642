import { CareType, Public, Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Status of a prior approval request. */
export enum PriorApprovalStatus {
  REQUESTED = 'REQUESTED',
  GRANTED = 'GRANTED',
  REFUSED = 'REFUSED',
}
registerEnumType(PriorApprovalStatus, { name: 'PriorApprovalStatus' });

/** An establishment's request for the prior approval of care it will give. */
@InputType('PriorApprovalRequestInput')
export class PriorApprovalRequestInput {
  @Field(() => String, { description: "The person's opaque ref (never a national id)" })
  personRef!: string;

  @Field(() => CareType)
  careType!: CareType;

  @Field(() => String, { nullable: true, description: 'Nomenclature code of the act (NGAP/CCAM), when the request names one' })
  actCode?: string | null;

  @Field(() => DateResolver, { description: 'The day the care is planned for' })
  plannedOn!: Date | string;

  @Field(() => String, { description: 'Unique per request within the establishment; a retry returns the same request' })
  idempotencyKey!: string;
}

/** A prior approval request as its establishment and the OG it is addressed to see it: health data. */
@ObjectType('PriorApprovalRequest')
@Scopes({ anyOf: ['pathway:request', 'pathway:write'], sensitivity: 'HEALTH' })
export class PriorApprovalRequestType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The person's opaque ref" })
  personRef!: string;

  @Field(() => String, { description: "The OG the request is addressed to: the person's one insurer when it was made" })
  organism!: string;

  @Field(() => CareType)
  careType!: CareType;

  @Field(() => String, { nullable: true })
  actCode!: string | null;

  @Field(() => DateResolver)
  plannedOn!: string;

  @Field(() => PriorApprovalStatus)
  status!: PriorApprovalStatus;

  @Field(() => String, { description: 'INPE of the establishment that asked' })
  requestedBy!: string;

  @Field(() => String, { description: 'When it was asked (ISO timestamp)' })
  requestedAt!: string;

  @Field(() => String, { nullable: true, description: 'When the OG decided (ISO timestamp)' })
  decidedAt!: string | null;

  @Field(() => DateResolver, { nullable: true, description: 'A grant: first day of validity' })
  validFrom!: string | null;

  @Field(() => DateResolver, { nullable: true, description: 'A grant: last day of validity' })
  validUntil!: string | null;

  @Field(() => String, { nullable: true, description: 'A refusal: its reason code' })
  refusalReason!: string | null;
}

/** The answer to a prior approval request: the request, and whether this is a retry answered with it. */
@ObjectType('PriorApprovalRequestResult')
@Public('bookkeeping: whether the request was a retry; the request is classified field by field')
export class PriorApprovalRequestResult {
  @Field(() => Boolean, { description: 'True when this is a retry answered with the request first made under the key' })
  replayed!: boolean;

  @Field(() => PriorApprovalRequestType)
  request!: PriorApprovalRequestType;
}

/** One page of prior approval requests, newest first. */
@ObjectType('PriorApprovalRequestPage')
@Public('pagination: cursor and flag; the requests it lists are classified field by field')
export class PriorApprovalRequestPage {
  @Field(() => [PriorApprovalRequestType])
  nodes!: PriorApprovalRequestType[];

  @Field(() => String, { nullable: true, description: 'Pass as after for the next page' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

/** Which prior approval requests to list. */
@ArgsType()
export class PriorApprovalRequestsArgs {
  @Field(() => PriorApprovalStatus, { nullable: true, description: 'Only requests of this status' })
  status?: PriorApprovalStatus | null;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1 to 200' })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
