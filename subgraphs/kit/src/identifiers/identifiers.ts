import schemes from '../reference-data/identifier-schemes.json';
import { appError } from '../errors/app-error';
import type { Language } from '../errors/error-catalog';

/** A national identifier recognised from its form and stored typed. */
export interface NationalId {
  scheme: string;
  value: string;
}

const NATIONAL_ID_SCHEMES = schemes.nationalIdSchemes.map((entry) => ({ ...entry, regex: new RegExp(entry.pattern) }));
const INPE_REGEX = new RegExp(schemes.inpe.pattern);

/** The expected forms, for error messages (French, as sent by subgraphs; the gateway re-renders). */
const EXPECTED_NATIONAL_ID = NATIONAL_ID_SCHEMES.map((entry) => entry.description.fr).join(' ; ');

/** Normalises what a desk clerk types: trims and upper-cases. */
function normalise(raw: string): string {
  return raw.trim().toUpperCase();
}

/**
 * Recognises the scheme of a national identifier from its form, or returns
 * null. The value itself never appears in any error.
 */
export function recogniseNationalId(raw: string): NationalId | null {
  const value = normalise(raw);
  const match = NATIONAL_ID_SCHEMES.find((entry) => entry.regex.test(value));
  return match ? { scheme: match.scheme, value } : null;
}

/** Parses a national identifier or throws `BAD_USER_INPUT` naming the expected forms. */
export function parseNationalId(raw: string): NationalId {
  const parsed = recogniseNationalId(raw);
  if (!parsed) throw appError('NATIONAL_ID_MALFORMED', { expected: EXPECTED_NATIONAL_ID });
  return parsed;
}

/**
 * Each scheme's form searched inside free text: not glued to a digit on
 * either side, the letters as the reference data writes them (upper case).
 */
const NATIONAL_ID_IN_TEXT = NATIONAL_ID_SCHEMES.map(
  (entry) => new RegExp(`(?<![0-9])(?:${entry.pattern.replace(/^\^/, '').replace(/\$$/, '')})(?![0-9])`, 'g'),
);

/**
 * Replaces every piece of a free text that has the form of a national
 * identifier (any scheme of the reference data, e.g. `ZZ000001` inside
 * `Check_ZZ000001` or `req-ZZ000001-7`) by what `replace` makes of it: the
 * audit trail keeps a client-chosen operation name or request id only so.
 */
export function replaceNationalIdForms(text: string, replace: (nationalId: string) => string): string {
  return NATIONAL_ID_IN_TEXT.reduce((current, regex) => current.replace(regex, (found) => replace(found)), text);
}

/**
 * Shortest piece of free text taken for a national id: a CIN as issued (a
 * letter or two, then five or six digits). Shorter letter-digit runs are
 * common in messages (`A1`, `E11`, `HTTP2`).
 */
const SHORTEST_NATIONAL_ID_IN_TEXT = 6;

/** Each scheme's form searched in free text in any case, not glued to a letter or digit before it nor to a digit after it. */
const NATIONAL_ID_IN_ANY_TEXT = NATIONAL_ID_SCHEMES.map(
  (entry) => new RegExp(`(?<![A-Za-z0-9])(?:${entry.pattern.replace(/^\^/, '').replace(/\$$/, '')})(?![0-9])`, 'gi'),
);

/**
 * Replaces, in free text no one chose to log (an error's message or stack),
 * every piece of at least six characters that has the form of a national id
 * in any case (`ZZ000001`, `zz000001`), standing on its own (`SHA256`,
 * `UTF8`, `0xFF12` stay as they are), by `replacement`.
 */
export function replaceNationalIdsInText(text: string, replacement: string): string {
  return NATIONAL_ID_IN_ANY_TEXT.reduce(
    (current, regex) => current.replace(regex, (found) => (found.length >= SHORTEST_NATIONAL_ID_IN_TEXT ? replacement : found)),
    text,
  );
}

/** True when the text has the form of an INPE code. */
export function isInpe(raw: string): boolean {
  return INPE_REGEX.test(normalise(raw));
}

/** Parses an INPE code or throws `BAD_USER_INPUT` naming the expected form. */
export function parseInpe(raw: string): string {
  const value = normalise(raw);
  if (!INPE_REGEX.test(value)) throw appError('INPE_MALFORMED', { expected: schemes.inpe.description.fr });
  return value;
}

/** True for identifiers reserved to synthetic test data, which must never reach a production dataset. */
export function isSyntheticNationalId(value: string): boolean {
  return value.startsWith(schemes.syntheticMarker.nationalIdPrefix);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Normalises an opaque id (a person reference, a record id): trimmed, lower-case; null when it is no UUID. */
export function normaliseUuid(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  return UUID.test(value) ? value : null;
}

/** The expected form of a national id scheme (`CIN`, `SOCIAL`), in one language, for a message saying what to send; null for an unknown scheme. */
export function nationalIdForm(scheme: string, language: Language): string | null {
  return NATIONAL_ID_SCHEMES.find((entry) => entry.scheme === scheme)?.description[language] ?? null;
}

/** The expected form of an INPE code, in one language. */
export function inpeForm(language: Language): string {
  return schemes.inpe.description[language];
}
