import { Scopes } from '@cmb/kit';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { MedicinesContext } from '../context';
import rules from '../reference-data/gmr-rules.json';
import { parseMedicineCode } from '../services/edge-validation';
import { MedicineConnectionType } from '../types/medicine-connection.type';
import { MedicineType } from '../types/medicine.type';

/** Reads of the reimbursable medicines guide: one pack by code, and the search. */
@Resolver(() => MedicineType)
export class MedicineResolver {
  @Query(() => MedicineType, {
    nullable: true,
    description: 'A medicine pack by EAN13, as listed in the GMR version valid today; null when not listed',
  })
  @Scopes('medicine:read', 'eligibility:check')
  medicine(@Arg('code', () => String) code: string, @Ctx() context: MedicinesContext): Promise<MedicineType | null> {
    return context.medicineByCode.load(parseMedicineCode(code));
  }

  @Query(() => MedicineConnectionType, {
    description:
      'Medicines of the GMR version valid today whose brand, DCI or EAN13 starts with the text (case and accents ignored), by brand then code',
  })
  @Scopes('medicine:read', 'eligibility:check')
  async searchMedicines(
    @Arg('text', () => String, { description: 'At least 2 letters or digits' }) text: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: rules.search.defaultFirst, description: `At most ${rules.search.maxFirst}` })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page' }) after: string | null,
    @Ctx() context: MedicinesContext,
  ): Promise<MedicineConnectionType> {
    return context.medicines.search({ text, first, after }, await context.versions(), context.today);
  }
}
