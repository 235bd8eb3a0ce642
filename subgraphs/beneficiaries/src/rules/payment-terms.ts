import type { ConventionTerms, PaymentMode } from './facts';

/** What R7 adds to an ELIGIBLE decision; nulls when the provider's conventions could not be read. */
export interface PaymentTerms {
  conventioned: boolean | null;
  paymentMode: PaymentMode | null;
}

/**
 * R7 (seeds/001_225b0d72771d4c3f.txt:L350, L361, L686): "conventioned" means
 * a convention in force on the day of care with the person's own OG (CNOPS
 * stayed out of the 2020 conventions, so a provider may be conventioned with
 * one OG and not another). The payment mode comes from that OG's terms for
 * the care type, else its terms for every care type; without a convention
 * with the OG, the patient pays and claims (DIRECT). The latest terms win when
 * several are in force (conventions come oldest first). Never a refusal.
 */
export function paymentTerms(conventions: readonly ConventionTerms[] | undefined, organism: string, careType: string): PaymentTerms {
  if (!conventions) return { conventioned: null, paymentMode: null };
  const withOrganism = conventions.filter((convention) => convention.organism === organism).reverse();
  const terms = withOrganism.find((c) => c.careType === careType) ?? withOrganism.find((c) => c.careType === null);
  return {
    conventioned: withOrganism.length > 0,
    paymentMode: terms?.paymentMode === 'TIERS_PAYANT' ? 'TIERS_PAYANT' : 'DIRECT',
  };
}
