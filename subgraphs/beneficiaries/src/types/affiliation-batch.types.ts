import { DateResolver } from 'graphql-scalars';
import { Public, Scopes } from '@cmb/kit';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What happened to one row of a batch. */
export enum RowStatus {
  APPLIED = 'APPLIED',
  REJECTED = 'REJECTED',
}
registerEnumType(RowStatus, { name: 'AffiliationRowStatus' });

/** One affiliation an OG declares (creates or updates). */
@InputType('AffiliationRowInput')
export class AffiliationRowInput {
  @Field(() => String)
  nationalId!: string;

  @Field(() => String)
  firstName!: string;

  @Field(() => String)
  lastName!: string;

  @Field(() => DateResolver)
  birthDate!: Date | string;

  @Field(() => String, { description: 'F or M' })
  sex!: string;

  @Field(() => String)
  regime!: string;

  @Field(() => String, { description: 'INSURED, SPOUSE or CHILD' })
  role!: string;

  @Field(() => String, { nullable: true, description: 'National id of the insured, for a dependant' })
  insuredNationalId?: string | null;

  @Field(() => String)
  memberNumber!: string;

  @Field(() => DateResolver)
  validFrom!: Date | string;

  @Field(() => DateResolver, { nullable: true })
  validUntil?: Date | string | null;

  @Field(() => String, { defaultValue: 'ACTIVE', description: 'ACTIVE, SUSPENDED or CLOSED' })
  status!: string;

  @Field(() => String, { nullable: true })
  suspensionReason?: string | null;

  @Field(() => Boolean, { defaultValue: false })
  student!: boolean;

  @Field(() => Boolean, { defaultValue: false })
  disabled!: boolean;
}

/** A batch of affiliations from one OG, applied once whatever the retries. */
@InputType('AffiliationBatchInput')
export class AffiliationBatchInput {
  @Field(() => String, { description: 'Unique per batch; a retry with the same key returns the first result' })
  idempotencyKey!: string;

  @Field(() => String, { description: 'The OG sending the batch (CNSS, CNOPS, ...)' })
  organism!: string;

  @Field(() => [AffiliationRowInput])
  rows!: AffiliationRowInput[];
}

/** The result of one row. Messages never repeat the row's personal data. */
@ObjectType('AffiliationRowResult')
@Public('position, status and error code of a row the OG sent; no personal data')
export class AffiliationRowResult {
  @Field(() => Int)
  index!: number;

  @Field(() => RowStatus)
  status!: RowStatus;

  @Field(() => String, { nullable: true })
  code!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => String, { nullable: true, description: 'For DUPLICATE_REGISTRATION: the OG holding the active affiliation' })
  @Scopes({ anyOf: ['beneficiary:write'], sensitivity: 'COVERAGE' })
  conflictingOrganism!: string | null;
}

/** The result of a batch: valid rows are committed together, invalid rows are reported and change nothing. */
@ObjectType('AffiliationBatchResult')
@Public('batch bookkeeping: idempotency key and counts')
export class AffiliationBatchResult {
  @Field(() => String)
  idempotencyKey!: string;

  @Field(() => Boolean, { description: 'True when this is a retry answered from the first result' })
  replayed!: boolean;

  @Field(() => Int)
  applied!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => [AffiliationRowResult])
  rows!: AffiliationRowResult[];
}
