import type { MedicinesContext } from '../context';
import { isValidEan13 } from '../rules/ean13';
import type { MedicineType } from '../types/medicine.type';

/** Resolves `Medicine` entities by EAN13 in the version valid today, batched per request; a malformed key resolves to null. */
export function resolveMedicineReference(reference: { ean13?: unknown }, context: MedicinesContext): Promise<MedicineType | null> {
  const code = reference.ean13;
  if (typeof code !== 'string' || !isValidEan13(code)) return Promise.resolve(null);
  return context.medicineByCode.load(code);
}
