/** A period of rights; an open end is `null`. */
export interface Period {
  validFrom: string;
  validUntil: string | null;
}

/**
 * R4 a priori (seeds/004_c48955e6965216bd.txt:L579, seeds/001_225b0d72771d4c3f.txt:L948):
 * two affiliations conflict when their rights periods overlap.
 */
export function periodsOverlap(a: Period, b: Period): boolean {
  const aEndsBeforeB = a.validUntil !== null && a.validUntil < b.validFrom;
  const bEndsBeforeA = b.validUntil !== null && b.validUntil < a.validFrom;
  return !aEndsBeforeB && !bEndsBeforeA;
}

/** True when the period holds `day` (ISO dates): opened on or before it, not ended before it. */
export function periodCovers(period: Period, day: string): boolean {
  return period.validFrom <= day && (period.validUntil === null || period.validUntil >= day);
}
