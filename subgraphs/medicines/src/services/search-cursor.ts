/**
 * Opaque cursors of `searchMedicines`: the position after which the next
 * page starts, in the order of the results (brand key, then EAN13). The
 * text is versioned so the format can change without misreading old cursors.
 */

/** A position in the search order. */
export interface SearchPosition {
  brandKey: string;
  ean13: string;
}

const VERSION = 'm1';
const DECODED = /^m1\|([a-z0-9 ]*)\|(\d{13})$/;

/** Encodes a position as an opaque, URL-safe cursor. */
export function encodeCursor(position: SearchPosition): string {
  return Buffer.from(`${VERSION}|${position.brandKey}|${position.ean13}`, 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; null for anything else. */
export function decodeCursor(cursor: string): SearchPosition | null {
  if (cursor.length === 0 || cursor.length > 400 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const match = DECODED.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return null;
  return { brandKey: match[1] ?? '', ean13: match[2] ?? '' };
}
