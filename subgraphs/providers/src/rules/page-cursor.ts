import { appError, isInpe } from '@cmb/kit';

/** Bounds of a page, from versioned reference data (reference-data/providers-rules.json). */
export interface PageLimits {
  defaultPageSize: number;
  maxPageSize: number;
}

/** A validated page request: how many rows, and the key after which the page starts. */
export interface PageRequest {
  size: number;
  afterInpe: string | null;
}

/** Version tag inside a cursor, so the format may change without misreading old cursors. */
const CURSOR_TAG = 'p1:';
/** Longer texts are not cursors this registry issued. */
const MAX_CURSOR_LENGTH = 64;

/** An opaque cursor after the row with this INPE (keyset pagination on the primary key). */
export function encodeCursor(inpe: string): string {
  return Buffer.from(`${CURSOR_TAG}${inpe}`, 'utf8').toString('base64url');
}

/** The INPE a cursor points after, or null for a text this registry did not issue. */
export function decodeCursor(cursor: string): string | null {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_TAG)) return null;
  const inpe = text.slice(CURSOR_TAG.length);
  return isInpe(inpe) && encodeCursor(inpe) === cursor ? inpe : null;
}

/** Validates `first`: the default page size when absent, at most the maximum of the reference data. */
export function parsePageSize(first: number | null | undefined, limits: PageLimits): number {
  const size = first ?? limits.defaultPageSize;
  if (!Number.isInteger(size) || size < 1 || size > limits.maxPageSize) {
    throw appError('INVALID_VALUE', { field: 'first', expected: `an integer from 1 to ${limits.maxPageSize}` });
  }
  return size;
}

/**
 * Validates `first` and `after` at the edge: `first` defaults to the page
 * size of the reference data and may not exceed its maximum; a cursor must
 * be one this registry issued. Errors name the expected form, never the value.
 */
export function parsePageRequest(first: number | null | undefined, after: string | null | undefined, limits: PageLimits): PageRequest {
  const size = parsePageSize(first, limits);
  if (after === null || after === undefined) return { size, afterInpe: null };
  const afterInpe = decodeCursor(after);
  if (afterInpe === null) throw appError('INVALID_VALUE', { field: 'after', expected: 'a cursor returned by a previous page' });
  return { size, afterInpe };
}

/** Cuts the `size + 1` rows fetched for a page into the page and whether another page follows. */
export function slicePage<T>(rows: readonly T[], size: number): { items: T[]; hasNextPage: boolean } {
  return { items: rows.slice(0, size), hasNextPage: rows.length > size };
}
