import { Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Directive, Field, Float, ObjectType } from 'type-graphql';
import { CnssCareSheetType } from './care-sheet.type';
import { CnssClaimStatus } from './claim-status';
import { PersonType } from './person.type';

/** A CNSS reimbursement file: its status, amounts, and the two deadlines (R14). Coverage data of its member. */
@ObjectType('CnssClaimFile', { description: 'A CNSS claim and reimbursement file (dossier de remboursement)' })
@Directive('@key(fields: "fileNumber")')
@Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'COVERAGE' })
export class CnssClaimFileType {
  @Field(() => String)
  fileNumber!: string;

  @Field(() => PersonType, {
    description: 'The insured person the file is for (identity from the registry of persons, under its own rules)',
  })
  person!: PersonType;

  @Field(() => CnssClaimStatus)
  status!: CnssClaimStatus;

  @Field(() => Boolean, { description: 'Open and past its reimbursement deadline today (R14: three months)' })
  overdue!: boolean;

  @Field(() => DateResolver, { description: 'When CNSS received the file' })
  receivedOn!: string;

  @Field(() => DateResolver, { description: 'The last day CNSS may reimburse it: three months after receipt (R14)' })
  reimbursementDueBy!: string;

  @Field(() => Boolean, { description: 'Reimbursed after its deadline' })
  reimbursedLate!: boolean;

  @Field(() => DateResolver, { description: 'The earliest day of care of its sheets' })
  firstCareOn!: string;

  @Field(() => DateResolver, { description: 'The last day the insured could file it (configuration: not in the seeds)' })
  filingDeadline!: string;

  @Field(() => Boolean, { description: 'Received by the filing deadline' })
  filedWithinDeadline!: boolean;

  @Field(() => Float, { description: 'Amount claimed, in dirhams' })
  amountClaimed!: number;

  @Field(() => Float, { nullable: true, description: 'Amount reimbursed, in dirhams; null until reimbursed' })
  amountReimbursed!: number | null;

  @Field(() => DateResolver, { nullable: true })
  reimbursedOn!: string | null;

  @Field(() => [CnssCareSheetType])
  careSheets!: CnssCareSheetType[];

  @Field(() => String, { description: 'The version of the deadline rules applied' })
  rulesVersion!: string;
}
