import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { AuditDatabase } from './database';
import { EVENT_SELECT, storedEventRow, type StoredEventRow } from './rows';

/** Which events an export covers: `since` included, `until` excluded; the whole store by default. */
export interface ExportRange {
  since?: Date;
  until?: Date;
  /** Rows read per query. */
  pageSize?: number;
}

/** Before any audit event and after every one: the bounds of an open range. */
const BEGINNING = new Date('0001-01-01T00:00:00.000Z');
const END = new Date('9999-12-31T23:59:59.999Z');

/**
 * The events of a time range in time order (then storage order), a page at a
 * time by a keyset on (occurred_at, seq): however large the store, only one
 * page is held at once.
 */
export async function* eventsInRange(db: AuditDatabase, range: ExportRange = {}): AsyncGenerator<StoredEventRow> {
  const pageSize = range.pageSize ?? 1_000;
  const since = (range.since ?? BEGINNING).toISOString();
  const until = (range.until ?? END).toISOString();
  // The cursor keeps the stored values as read: SQLite compares its time text as stored.
  let after: { occurredAt: unknown; seq: unknown } = { occurredAt: since, seq: -1 };
  for (;;) {
    // `occurred_at >= since` repeats the keyset's bound so PostgreSQL can skip the older partitions.
    const rows = await db.query(
      `SELECT ${EVENT_SELECT} FROM audit_event WHERE occurred_at >= $1 AND occurred_at < $2 AND (occurred_at, seq) > ($3, $4) ORDER BY occurred_at, seq LIMIT ${pageSize}`,
      [since, until, after.occurredAt, after.seq],
    );
    for (const row of rows) yield storedEventRow(row);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { occurredAt: last.occurred_at, seq: last.seq };
  }
}

/**
 * Writes the events of a range to a stream, one formatted line each, waiting
 * whenever the stream asks to (backpressure). Returns how many were written;
 * fails with the stream's error (a full disk, a closed pipe). The stream is
 * left open for the caller to end.
 */
export async function exportAuditEvents(
  db: AuditDatabase,
  out: Writable,
  format: (row: StoredEventRow) => string,
  range: ExportRange = {},
): Promise<number> {
  let failure: unknown = null;
  const onError = (error: unknown) => (failure ??= error);
  out.on('error', onError);
  let count = 0;
  try {
    for await (const row of eventsInRange(db, range)) {
      if (failure) throw failure;
      // `once` also rejects when the stream fails while we wait.
      if (!out.write(format(row))) await once(out, 'drain');
      count += 1;
    }
    if (failure) throw failure;
    return count;
  } finally {
    out.off('error', onError);
  }
}
