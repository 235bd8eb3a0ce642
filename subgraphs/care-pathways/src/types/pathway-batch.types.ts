import { Public } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What happened to one row of a pathway batch. */
export enum PathwayRowStatus {
  APPLIED = 'APPLIED',
  REFUSED = 'REFUSED',
}
registerEnumType(PathwayRowStatus, { name: 'PathwayRowStatus', description: 'APPLIED, or REFUSED with a stable code' });

/** The kind of record one row writes. */
export enum PathwayRowKind {
  REFERRING_DOCTOR = 'REFERRING_DOCTOR',
  LONG_TERM_ILLNESS = 'LONG_TERM_ILLNESS',
  PROTOCOL = 'PROTOCOL',
  REFERRAL = 'REFERRAL',
  PRIOR_APPROVAL_DECISION = 'PRIOR_APPROVAL_DECISION',
}
registerEnumType(PathwayRowKind, { name: 'PathwayRowKind', description: 'The kind of pathway record a batch row writes' });

/** An OG's answer to a prior approval request. */
export enum PriorApprovalDecision {
  GRANTED = 'GRANTED',
  REFUSED = 'REFUSED',
}
registerEnumType(PriorApprovalDecision, { name: 'PriorApprovalDecision' });

/** Declares or changes the person's referring doctor (médecin référent) from a date. */
@InputType('ReferringDoctorDeclarationInput')
export class ReferringDoctorDeclarationInput {
  @Field(() => String, { description: 'INPE of the doctor' })
  doctorInpe!: string;

  @Field(() => DateResolver, { description: 'First day; the declaration running then closes the day before' })
  validFrom!: Date | string;
}

/** Recognises a long-term illness (ALD/ALC) of the list in force, with its exemption period. */
@InputType('LongTermIllnessRecognitionInput')
export class LongTermIllnessRecognitionInput {
  @Field(() => String, { description: 'Code of the ALD list in force (aldList)' })
  aldCode!: string;

  @Field(() => DateResolver)
  validFrom!: Date | string;

  @Field(() => DateResolver, { description: 'Last day of the exemption: at most the years the ALD list allows after validFrom' })
  validUntil!: Date | string;

  @Field(() => String, { nullable: true, description: "A therapeutic protocol of the illness's pathology, attached at once" })
  protocolCode?: string | null;
}

/** Attaches a therapeutic protocol to an illness already recognised for the person. */
@InputType('ProtocolAttachmentInput')
export class ProtocolAttachmentInput {
  @Field(() => ID, { description: 'Id of the recognised illness (Person.longTermIllnesses.id, or a recordId of a batch)' })
  illnessId!: string;

  @Field(() => String, { description: "Code of a validated protocol of the illness's pathology (protocols)" })
  protocolCode!: string;
}

/** Records a referral by the referring doctor to a specialty or a named provider. */
@InputType('ReferralInput')
export class ReferralInput {
  @Field(() => String, { description: 'INPE of the referring doctor declared on issuedOn' })
  fromInpe!: string;

  @Field(() => String, { nullable: true, description: 'Specialty referred to (CARDIOLOGIE, ...)' })
  toSpecialty?: string | null;

  @Field(() => String, { nullable: true, description: 'INPE referred to; absent: any provider of the specialty' })
  toInpe?: string | null;

  @Field(() => DateResolver)
  issuedOn!: Date | string;

  @Field(() => DateResolver)
  validUntil!: Date | string;
}

/** Decides a prior approval request addressed to the OG. */
@InputType('PriorApprovalDecisionInput')
export class PriorApprovalDecisionInput {
  @Field(() => ID, { description: 'Id of the request (priorApprovalRequests)' })
  requestId!: string;

  @Field(() => PriorApprovalDecision)
  decision!: PriorApprovalDecision;

  @Field(() => DateResolver, { nullable: true, description: 'A grant: first day of validity' })
  validFrom?: Date | string | null;

  @Field(() => DateResolver, { nullable: true, description: 'A grant: last day of validity' })
  validUntil?: Date | string | null;

  @Field(() => String, { nullable: true, description: 'A refusal: its reason code (reference data)' })
  reasonCode?: string | null;
}

/** One row of a pathway batch: a person, and exactly one record to write for them. */
@InputType('PathwayRowInput')
export class PathwayRowInput {
  @Field(() => String, { description: "The person's opaque ref (never a national id)" })
  personRef!: string;

  @Field(() => ReferringDoctorDeclarationInput, { nullable: true })
  referringDoctor?: ReferringDoctorDeclarationInput | null;

  @Field(() => LongTermIllnessRecognitionInput, { nullable: true })
  longTermIllness?: LongTermIllnessRecognitionInput | null;

  @Field(() => ProtocolAttachmentInput, { nullable: true })
  protocol?: ProtocolAttachmentInput | null;

  @Field(() => ReferralInput, { nullable: true })
  referral?: ReferralInput | null;

  @Field(() => PriorApprovalDecisionInput, { nullable: true })
  priorApprovalDecision?: PriorApprovalDecisionInput | null;
}

/** A batch of pathway records from one OG, applied once whatever the retries. */
@InputType('PathwayBatchInput')
export class PathwayBatchInput {
  @Field(() => String, { description: 'Unique per batch within the OG; a retry with the same key returns the first result' })
  idempotencyKey!: string;

  @Field(() => [PathwayRowInput], { description: 'Rows applied in order (a later row sees an earlier one): at most the batch bound' })
  rows!: PathwayRowInput[];
}

/** The result of one row. Messages never repeat the row's data. */
@ObjectType('PathwayRowResult')
@Public('position, kind, status and error code of a row the OG sent, and the id of the record written; no personal data')
export class PathwayRowResult {
  @Field(() => Int)
  index!: number;

  @Field(() => PathwayRowKind, { nullable: true, description: 'Null for a row that names no kind, or several' })
  kind!: PathwayRowKind | null;

  @Field(() => PathwayRowStatus)
  status!: PathwayRowStatus;

  @Field(() => String, { nullable: true, description: 'For a refused row: BAD_USER_INPUT, FORBIDDEN, CONFLICT' })
  code!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => ID, { nullable: true, description: 'The record written or changed (declaration, illness, referral, request)' })
  recordId!: string | null;
}

/** The result of a batch: the applied rows are committed together, refused rows change nothing. */
@ObjectType('PathwayBatchResult')
@Public('batch bookkeeping: idempotency key and counts')
export class PathwayBatchResult {
  @Field(() => String)
  idempotencyKey!: string;

  @Field(() => Boolean, { description: 'True when this is a retry answered from the first result' })
  replayed!: boolean;

  @Field(() => Int)
  applied!: number;

  @Field(() => Int)
  refused!: number;

  @Field(() => [PathwayRowResult])
  rows!: PathwayRowResult[];
}
