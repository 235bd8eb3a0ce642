/**
 * True when a period covers a date: `from <= date <= until`, an open end
 * (`null`) covering every later date. Dates are ISO `YYYY-MM-DD`, so they
 * compare as text. Used for INPE activity, conventions and attachments
 * (seeds/001_225b0d72771d4c3f.txt:L893: codes active on a date).
 */
export function periodCovers(from: string, until: string | null, date: string): boolean {
  return from <= date && (until === null || date <= until);
}
