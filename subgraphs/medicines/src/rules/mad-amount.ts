/**
 * Amounts of the medicines guide file: MAD with a dot and at most two
 * decimals (`45.90`), read into integer centimes so no price is ever a
 * binary fraction. Seven integer digits at most keep any amount within the
 * stored integer column (a GMR price is far below 10 million MAD).
 */
const AMOUNT = /^(\d{1,7})(?:\.(\d{1,2}))?$/;

/** What an amount cell must look like, for the line errors. */
export const AMOUNT_EXPECTED = 'a positive amount in MAD with a dot and at most 2 decimals (45.90)';

/** Centimes of a strictly positive amount written as above; null for anything else. */
export function parseMadAmount(text: string): number | null {
  const match = AMOUNT.exec(text);
  if (!match) return null;
  const centimes = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return centimes > 0 ? centimes : null;
}

/** Centimes written back as the file writes them (`4590` -> `45.90`). */
export function formatMadAmount(centimes: number): string {
  return `${Math.floor(centimes / 100)}.${String(centimes % 100).padStart(2, '0')}`;
}
