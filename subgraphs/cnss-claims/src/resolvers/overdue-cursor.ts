import { appError, isIsoDate } from '@cmb/kit';
import type { OverdueCursor } from '../services/claim-store';

const CURSOR = /^(\d{4}-\d{2}-\d{2})\|([A-Z0-9-]{1,32})$/;

/** An opaque cursor of the overdue list: the receipt day and number of the last file of a page. */
export function encodeCursor(file: OverdueCursor): string {
  return Buffer.from(`${file.receivedOn}|${file.fileNumber}`, 'utf8').toString('base64url');
}

/**
 * Reads a cursor, refusing one this subgraph did not give (`CURSOR_MALFORMED`):
 * its day a real calendar day (a day that does not exist would fail in the
 * database), and the cursor the very text it would be encoded as.
 */
export function decodeCursor(cursor: string): OverdueCursor {
  const match = CURSOR.exec(cursor.length <= 64 ? Buffer.from(cursor, 'base64url').toString('utf8') : '');
  if (!match?.[1] || !match[2] || !isIsoDate(match[1])) throw appError('CURSOR_MALFORMED');
  const read = { receivedOn: match[1], fileNumber: match[2] };
  if (encodeCursor(read) !== cursor) throw appError('CURSOR_MALFORMED');
  return read;
}
