import { CareType, Scopes } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, Float, ObjectType } from 'type-graphql';

/** A care sheet of a file: the care given, by whom, when, for how much. The kind of care and its provider say something of the person's health. */
@ObjectType('CnssCareSheet', { description: 'A care sheet (feuille de soins) of a CNSS reimbursement file' })
@Scopes({ anyOf: ['beneficiary:read'], sensitivity: 'HEALTH' })
export class CnssCareSheetType {
  @Field(() => String)
  sheetNumber!: string;

  @Field(() => CareType)
  careType!: CareType;

  @Field(() => String, { description: 'INPE of the professional or establishment that gave the care' })
  providerInpe!: string;

  @Field(() => DateResolver)
  careDate!: string;

  @Field(() => Float, { description: 'Amount claimed, in dirhams' })
  amountClaimed!: number;
}
