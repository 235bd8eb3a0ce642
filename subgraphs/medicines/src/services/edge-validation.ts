import { appError } from '@cmb/kit';
import type { SearchLimits } from '../config';
import { isValidEan13 } from '../rules/ean13';
import { searchKey } from '../rules/search-key';
import { decodeCursor, type SearchPosition } from './search-cursor';

/** What a malformed code is told to look like (never the value sent). */
export const EAN13_EXPECTED = 'EAN13: 13 digits with a valid check digit';

/** Longest search text accepted, after normalisation (the longest stored key). */
const MAX_TEXT_KEY_LENGTH = 160;

/** Validates a medicine code at the edge: trimmed, 13 digits, valid check digit; else `BAD_USER_INPUT`. */
export function parseMedicineCode(raw: string, field = 'code'): string {
  const code = raw.trim();
  if (!isValidEan13(code)) throw appError('INVALID_VALUE', { field, expected: EAN13_EXPECTED });
  return code;
}

/** Validates the page size: absent means the default, else 1 to the maximum. */
export function parsePageSize(first: number | null | undefined, limits: Pick<SearchLimits, 'defaultFirst' | 'maxFirst'>): number {
  if (first === null || first === undefined) return limits.defaultFirst;
  if (!Number.isInteger(first) || first < 1 || first > limits.maxFirst) {
    throw appError('INVALID_VALUE', { field: 'first', expected: `an integer from 1 to ${limits.maxFirst}` });
  }
  return first;
}

/** A search text reduced to what is matched: its normalised key, and the code prefix when it is a number. */
export interface SearchText {
  key: string;
  codePrefix: string | null;
}

/** Validates and normalises a search text; too short or too long is `BAD_USER_INPUT`. */
export function parseSearchText(text: string, limits: SearchLimits): SearchText {
  const key = searchKey(text);
  if (key.length < limits.minTextLength) {
    throw appError('INVALID_VALUE', { field: 'text', expected: `at least ${limits.minTextLength} letters or digits` });
  }
  if (key.length > MAX_TEXT_KEY_LENGTH) {
    throw appError('INVALID_VALUE', { field: 'text', expected: `at most ${MAX_TEXT_KEY_LENGTH} characters` });
  }
  return { key, codePrefix: /^\d+$/.test(key) && key.length <= 13 ? key : null };
}

/** Decodes the `after` cursor; one not issued by this search is `BAD_USER_INPUT`. */
export function parseAfter(after: string | null | undefined): SearchPosition | null {
  if (after === null || after === undefined) return null;
  const position = decodeCursor(after);
  if (!position) throw appError('INVALID_VALUE', { field: 'after', expected: 'a cursor returned by searchMedicines' });
  return position;
}

/** Longest version id: the width of the stored code. */
const VERSION_ID = /^GMR-[0-9A-Za-z-]{1,12}$/;

/** Validates a GMR version id at the edge (`GMR-2026-06-01`, `GMR-2026-03`); else `BAD_USER_INPUT`. */
export function parseVersionId(raw: string, field = 'versionId'): string {
  const id = raw.trim();
  if (!VERSION_ID.test(id)) throw appError('INVALID_VALUE', { field, expected: 'a GMR version id such as GMR-2026-06-01' });
  return id;
}

/** Decodes an `after` cursor with its decoder; one not issued by that listing is `BAD_USER_INPUT` (`CURSOR_MALFORMED`). */
export function parseListingCursor<T>(after: string | null | undefined, decoder: (cursor: string) => T | null): T | null {
  if (after === null || after === undefined) return null;
  const position = decoder(after);
  if (position === null) throw appError('CURSOR_MALFORMED');
  return position;
}
