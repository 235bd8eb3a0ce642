import { periodCovers } from './periods';

/** What the convention rules read of a provider's adhesion to a national convention. */
export interface ConventionFact {
  organism: string;
  validFrom: string;
  validUntil: string | null;
  /** The care type the terms apply to; null for every care type. */
  careType?: string | null;
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

/** R7: the conventions in force on the date (the care date in a decision), whatever the OG. */
export function conventionsInForce<T extends ConventionFact>(conventions: readonly T[], date: string): T[] {
  return conventions.filter((convention) => conventionInForce(convention, date));
}
