import { CareType, Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/** A prior approval (accord préalable) asked of an OG, and its answer. */
@ObjectType('PriorApproval')
@Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
export class PriorApprovalType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The OG asked' })
  organism!: string;

  @Field(() => CareType)
  careType!: CareType;

  @Field(() => String, { nullable: true, description: 'Nomenclature code of the act, when the approval names one' })
  actCode!: string | null;

  @Field(() => String, { description: 'REQUESTED, GRANTED or REFUSED' })
  status!: string;

  @Field(() => DateResolver)
  validFrom!: string;

  @Field(() => DateResolver, { nullable: true })
  validUntil!: string | null;

  @Field(() => DateResolver, { nullable: true, description: 'The day the care is planned for, for a request an establishment made' })
  plannedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'INPE of the establishment that asked, for a request made through the federation' })
  requestedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'The reason code of a refusal' })
  refusalReason!: string | null;
}
