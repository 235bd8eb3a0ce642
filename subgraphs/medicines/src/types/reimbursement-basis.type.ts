import { Public } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ReimbursementReasonEnum } from './reimbursement-reason';

/** Rule R12's answer for one EAN13 on one date: reimbursable or not, and on which base price. */
@ObjectType('ReimbursementBasis')
@Public('GMR reference data: the base price of a pack on a date, the same for every patient')
export class ReimbursementBasisType {
  @Field(() => String)
  ean13!: string;

  @Field(() => DateResolver, { description: 'Day of dispensing the answer applies to' })
  date!: string;

  @Field(() => Boolean, { description: 'Listed in the GMR version valid on the date' })
  listed!: boolean;

  @Field(() => Boolean)
  reimbursable!: boolean;

  @Field(() => ReimbursementReasonEnum)
  reason!: ReimbursementReasonEnum;

  @Field(() => Float, { nullable: true, description: 'Base price the OG reimburses on (PBR), in MAD; null when not reimbursable' })
  pbr!: number | null;

  @Field(() => Int, { nullable: true, description: 'The same base price in centimes of MAD (exact)' })
  pbrCentimes!: number | null;

  @Field(() => Float, { nullable: true, description: 'Public selling price (PPV) in the version applied, in MAD' })
  publicPrice!: number | null;

  @Field(() => Boolean, { description: 'True when the base price is set on a generic' })
  basedOnGeneric!: boolean;

  @Field(() => String, { nullable: true, description: 'The GMR version valid on the date' })
  gmrVersion!: string | null;

  @Field(() => DateResolver, { nullable: true, description: 'The day that GMR version took effect; null when no version applies' })
  gmrVersionEffectiveDate!: string | null;

  @Field(() => String, { nullable: true, description: 'For a withdrawn medicine, the last GMR version that listed it' })
  lastListedVersion!: string | null;
}
