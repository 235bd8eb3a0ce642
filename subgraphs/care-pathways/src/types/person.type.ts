import { Scopes } from '@cmb/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { LongTermIllnessType } from './long-term-illness.type';
import { PathwayExceptionType } from './pathway-exception.type';
import { PcsEnrolmentType } from './pcs-enrolment.type';
import { PriorApprovalType } from './prior-approval.type';
import { ReferralType } from './referral.type';

/** Every pathway field requires beneficiaries' proof that it served the person to the caller. */
const READER_PROOF = '@requires(fields: "readerProof")';

/**
 * The person, extended with their care pathway: health data, readable under
 * `pathway:read` only, and served only for a person beneficiaries served to
 * the caller (`readerProof`, internal to the federation).
 */
@ObjectType('Person')
@Directive('@key(fields: "ref")')
export class PersonType {
  @Field(() => ID, { description: 'Opaque person reference shared across subgraphs; not derived from any identifier' })
  ref!: string;

  /** Beneficiaries' proof (`issuePersonProof`); `@inaccessible` there, so not repeated on this `@external` field. */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  readerProof?: string | null;

  @Field(() => String, { nullable: true, description: 'INPE of the referring doctor declared today' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  @Directive(READER_PROOF)
  referringDoctorInpe!: string | null;

  @Field(() => [LongTermIllnessType], { description: 'Recognised long-term illnesses, newest first' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  @Directive(READER_PROOF)
  longTermIllnesses!: LongTermIllnessType[];

  @Field(() => PcsEnrolmentType, { nullable: true, description: 'The coordinated pathway enrolment valid today' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  @Directive(READER_PROOF)
  pathwayEnrolment!: PcsEnrolmentType | null;

  @Field(() => [ReferralType], { description: 'Referrals, newest first' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  @Directive(READER_PROOF)
  referrals!: ReferralType[];

  @Field(() => [PathwayExceptionType], { description: 'Out-of-pathway cases and authorised exceptions, newest first' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  @Directive(READER_PROOF)
  pathwayExceptions!: PathwayExceptionType[];

  @Field(() => [PriorApprovalType], { description: 'Prior approvals asked of the OG, newest first' })
  @Scopes({ anyOf: ['pathway:read'], sensitivity: 'HEALTH' })
  @Directive(READER_PROOF)
  priorApprovals!: PriorApprovalType[];
}
