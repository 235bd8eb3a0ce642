import { Scopes, toIsoDate } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { MedicinesContext } from '../context';
import { parseMedicineCode } from '../services/edge-validation';
import { ReimbursementBasisType } from '../types/reimbursement-basis.type';

/** Rule R12 at the pharmacy counter: is this pack reimbursable on this date, and on which base price. */
@Resolver(() => ReimbursementBasisType)
export class ReimbursementResolver {
  @Query(() => ReimbursementBasisType, {
    description:
      'Whether a medicine is reimbursable on a date (default today in Africa/Casablanca) and its base price (PBR), from the GMR version valid that day',
  })
  @Scopes('medicine:read', 'eligibility:check')
  async reimbursementBasis(
    @Arg('code', () => String, { description: 'EAN13 of the pack' }) code: string,
    @Arg('date', () => DateResolver, { nullable: true, description: 'Day of dispensing; today in Africa/Casablanca when absent' })
    date: Date | string | null,
    @Ctx() context: MedicinesContext,
  ): Promise<ReimbursementBasisType> {
    const ean13 = parseMedicineCode(code);
    const day = date ? toIsoDate(date) : context.today;
    return context.medicines.reimbursementBasis(ean13, day, await context.versions());
  }
}
