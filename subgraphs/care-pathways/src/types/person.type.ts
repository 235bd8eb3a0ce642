import { Scopes } from '@cmb/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { LongTermIllnessType } from './long-term-illness.type';
import { PathwayExceptionType } from './pathway-exception.type';
import { PcsEnrolmentType } from './pcs-enrolment.type';
import { PriorApprovalType } from './prior-approval.type';
import { ReferralType } from './referral.type';

/** The person, extended with their care pathway: health data, readable under `pathway:read` only. */
@ObjectType('Person')
@Directive('@key(fields: "ref")')
export class PersonType {
  @Field(() => ID, { description: 'Opaque person reference shared across subgraphs; not derived from any identifier' })
  ref!: string;

  @Field(() => String, { nullable: true, description: 'INPE of the referring doctor declared today' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  referringDoctorInpe!: string | null;

  @Field(() => [LongTermIllnessType], { description: 'Recognised long-term illnesses, newest first' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  longTermIllnesses!: LongTermIllnessType[];

  @Field(() => PcsEnrolmentType, { nullable: true, description: 'The coordinated pathway enrolment valid today' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  pathwayEnrolment!: PcsEnrolmentType | null;

  @Field(() => [ReferralType], { description: 'Referrals, newest first' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  referrals!: ReferralType[];

  @Field(() => [PathwayExceptionType], { description: 'Out-of-pathway cases and authorised exceptions, newest first' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  pathwayExceptions!: PathwayExceptionType[];

  @Field(() => [PriorApprovalType], { description: 'Prior approvals asked of the OG, newest first' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  priorApprovals!: PriorApprovalType[];
}
