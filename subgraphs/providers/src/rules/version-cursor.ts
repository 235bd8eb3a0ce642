import { appError, isIsoDate } from '@cmb/kit';
import { isVersionId } from './registry-version-id';

/** The key a page of versions resumes after (newest first: extraction date, then id, descending). */
export interface VersionKey {
  publishedOn: string;
  id: string;
}

/** Version tag inside a cursor, so the format may change without misreading old cursors. */
const CURSOR_TAG = 'v1:';
const MAX_CURSOR_LENGTH = 96;

/** An opaque cursor after a version. */
export function encodeVersionCursor(key: VersionKey): string {
  return Buffer.from(`${CURSOR_TAG}${key.publishedOn}|${key.id}`, 'utf8').toString('base64url');
}

/** The version a cursor points after, or null for a text this registry did not issue. */
export function decodeVersionCursor(cursor: string): VersionKey | null {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_TAG)) return null;
  const [publishedOn = '', id = '', ...rest] = text.slice(CURSOR_TAG.length).split('|');
  if (rest.length > 0 || !isIsoDate(publishedOn) || !isVersionId(id)) return null;
  return encodeVersionCursor({ publishedOn, id }) === cursor ? { publishedOn, id } : null;
}

/** Validates a versions cursor at the edge: one this registry issued, or `BAD_USER_INPUT`. */
export function parseVersionCursor(after: string | null | undefined): VersionKey | null {
  if (after === null || after === undefined) return null;
  const key = decodeVersionCursor(after);
  if (!key) throw appError('INVALID_VALUE', { field: 'after', expected: 'a cursor returned by a previous page' });
  return key;
}
