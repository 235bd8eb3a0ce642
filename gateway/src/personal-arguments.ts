import { recogniseNationalId, replaceNationalIdForms } from '@cmb/kit';

/** Argument and input field names that carry a person's identifier: refused over GET, read as audit subjects. */
export const PERSONAL_ARGUMENT_NAMES: ReadonlySet<string> = new Set(['nationalId', 'insuredNationalId']);

/** Argument and input field names that carry a person's opaque `ref`: read as audit subjects (by the ref's pseudonym). */
export const PERSON_REF_ARGUMENT_NAMES: ReadonlySet<string> = new Set(['personRef']);

/**
 * Shortest text taken for a national id outside an argument named for one: a
 * CIN as issued (a letter or two, then five or six digits). Shorter
 * letter-digit runs are common elsewhere: the groups of a UUID, codes of
 * diseases (`E11`, `J45`).
 */
const SHORTEST_NATIONAL_ID = 6;

/** True for a text, found where any text may be (a request id's piece, a string argument), that is a national id. */
export function isNationalIdText(text: string): boolean {
  return text.length >= SHORTEST_NATIONAL_ID && recogniseNationalId(text) !== null;
}

/** True for a text that holds a national id anywhere in it, in any case (`bgAB123456`, `cinjk123456`), at least as long as the shortest. */
export function holdsNationalIdText(text: string): boolean {
  const upper = text.toUpperCase();
  return replaceNationalIdForms(upper, (found) => (found.length >= SHORTEST_NATIONAL_ID ? '' : found)) !== upper;
}
