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

/** A character no national id form holds, marking where one was found. */
const FOUND = '\u0000';

/** A text with every national id form in it (as `replaceNationalIdForms` finds them) overwritten by {@link FOUND}, same length. */
const markForms = (text: string) => replaceNationalIdForms(text, (found) => FOUND.repeat(found.length));

/**
 * Replaces every national id a text holds, in any case, by what `replace`
 * makes of it (given the id in upper case, as the trail keys persons): as
 * written in upper case at any length the reference data allows (`Z000001`
 * in `checkZ000001`, never `KZ000001`); in another case from
 * {@link SHORTEST_NATIONAL_ID} characters on, as request ids are read. The
 * rest of the text keeps its case. For texts of ASCII characters (operation
 * names, request ids); another text is read in upper case only.
 */
export function replaceNationalIdsInAnyCase(text: string, replace: (nationalId: string) => string): string {
  const upper = text.toUpperCase();
  if (upper.length !== text.length || text.includes(FOUND)) return replaceNationalIdForms(text, replace);
  const exact = markForms(text);
  const anyCase = markForms(upper);
  if (exact === text && anyCase === upper) return text;
  let out = '';
  let kept = 0;
  for (let at = 0; at < text.length;) {
    let end = at;
    if (exact[at] === FOUND) {
      while (exact[end] === FOUND) end += 1;
      out += `${text.slice(kept, at)}${replace(text.slice(at, end))}`;
      kept = end;
    } else if (anyCase[at] === FOUND) {
      while (anyCase[end] === FOUND && exact[end] !== FOUND) end += 1;
      // A run that runs into one written in upper case is that one, met at its own start: this start is text.
      const intoExact = anyCase[end] === FOUND;
      if (!intoExact && end - at >= SHORTEST_NATIONAL_ID) {
        out += `${text.slice(kept, at)}${replace(upper.slice(at, end))}`;
        kept = end;
      }
    } else {
      end = at + 1;
    }
    at = end;
  }
  return `${out}${text.slice(kept)}`;
}
