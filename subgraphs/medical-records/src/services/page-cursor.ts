import { isIsoDate, isIsoInstant } from '@cmb/kit';

/** The position of a pointer in a listing (newest care first): its sort key. */
export interface PageCursor {
  serviceDate: string;
  registeredAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Encodes a listing position as an opaque cursor (keyset pagination: stable under inserts). */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.serviceDate, cursor.registeredAt, cursor.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; null for anything else. */
export function decodeCursor(raw: string): PageCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [serviceDate, registeredAt, id] = parsed as unknown[];
    if (typeof serviceDate !== 'string' || typeof registeredAt !== 'string' || typeof id !== 'string') return null;
    if (!isIsoDate(serviceDate) || !isIsoInstant(registeredAt) || !UUID.test(id)) return null;
    return { serviceDate, registeredAt, id };
  } catch {
    return null;
  }
}
