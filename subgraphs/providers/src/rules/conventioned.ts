import { periodCovers } from './periods';

/** What the convention rules read of a provider's adhesion to a national convention. */
export interface ConventionFact {
  organism: string;
  validFrom: string;
  validUntil: string | null;
  paymentMode: string;
}

/** R7 (seeds/001_225b0d72771d4c3f.txt:L350): the convention binds the provider on the date. */
export function conventionInForce(convention: ConventionFact, date: string): boolean {
  return periodCovers(convention.validFrom, convention.validUntil, date);
}

/**
 * R7: the provider adheres to at least one national convention in force on
 * the date. Convention status is per OG (CNOPS stayed out of the 2020
 * conventions, seeds/001_225b0d72771d4c3f.txt:L361); it never refuses care by itself.
 */
export function isConventioned(conventions: readonly ConventionFact[], date: string): boolean {
  return conventions.some((convention) => conventionInForce(convention, date));
}

/**
 * R7: how one OG pays this provider on the date, TIERS_PAYANT or DIRECT
 * (seeds/001_225b0d72771d4c3f.txt:L686), or null without a convention in
 * force with that OG. The latest convention wins when periods overlap.
 */
export function paymentModeWith(conventions: readonly ConventionFact[], organism: string, date: string): string | null {
  const inForce = conventions
    .filter((convention) => convention.organism === organism && conventionInForce(convention, date))
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0));
  return inForce[0]?.paymentMode ?? null;
}
