/**
 * Opaque cursors of the import listings: the position after which the next
 * page starts. Versions are listed newest first by effective date, changes
 * by EAN-13; the text is versioned so the format can change without
 * misreading old cursors.
 */

const VERSION_CURSOR = /^gv1\|(\d{4}-\d{2}-\d{2})$/;
const CHANGE_CURSOR = /^gc1\|(\d{13})$/;

function encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decode(cursor: string, shape: RegExp): string | null {
  if (cursor.length === 0 || cursor.length > 64 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  return shape.exec(Buffer.from(cursor, 'base64url').toString('utf8'))?.[1] ?? null;
}

/** The cursor after a version of the listing (its effective date: one version per date). */
export function versionCursor(effectiveDate: string): string {
  return encode(`gv1|${effectiveDate}`);
}

/** The effective date a version cursor holds; null for anything else. */
export function decodeVersionCursor(cursor: string): string | null {
  return decode(cursor, VERSION_CURSOR);
}

/** The cursor after a change of the listing (its EAN-13). */
export function changeCursor(ean13: string): string {
  return encode(`gc1|${ean13}`);
}

/** The EAN-13 a change cursor holds; null for anything else. */
export function decodeChangeCursor(cursor: string): string | null {
  return decode(cursor, CHANGE_CURSOR);
}
