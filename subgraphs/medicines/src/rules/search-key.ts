/**
 * The normalised search keys stored beside brand names and DCIs, so a
 * prefix search is an index range scan on both engines: lower case, no
 * accents, only letters a-z, digits and single spaces.
 */

/** Letters that Unicode decomposition leaves whole. */
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' };

/**
 * Normalises a brand name, a DCI or what a user typed: case and accents
 * removed (paracétamol = PARACETAMOL), punctuation and slashes as single
 * spaces (amoxicilline/acide clavulanique = amoxicilline acide clavulanique).
 */
export function searchKey(text: string): string {
  return text
    .replace(/[œŒæÆß]/g, (letter) => LIGATURES[letter] ?? letter)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A half-open range [from, to) holding exactly the keys that start with a prefix. */
export interface PrefixRange {
  from: string;
  to: string;
}

/**
 * The range of keys starting with a non-empty prefix, for `key >= from AND
 * key < to` in binary collation (SQLite BINARY, PostgreSQL "C"): the upper
 * bound is the prefix with its last character incremented.
 */
export function prefixRange(prefix: string): PrefixRange {
  if (prefix.length === 0) throw new RangeError('a prefix range needs a non-empty prefix');
  const last = prefix.charCodeAt(prefix.length - 1);
  return { from: prefix, to: `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}` };
}
