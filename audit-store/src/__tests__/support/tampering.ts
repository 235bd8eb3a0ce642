import type { AuditDatabase } from '../../database';
import { canonicalEvent, linkHash, parseCanonicalEvent, type AuditEvent } from '../../event';
import {
  ARRAY_COLUMNS,
  arrayParam,
  EVENT_COLUMNS,
  EVENT_SELECT,
  columnsSinceFirstFormat,
  storedEventRow,
  type StoredEventRow,
} from '../../rows';

/**
 * What an attacker with the owner's rights does first: switch off the
 * append-only triggers, and drop the unique indexes that hold one event to a
 * place of a chain (to insert a forged one at a taken place).
 */
export async function allowRewrites(db: AuditDatabase): Promise<void> {
  await db.execScript(
    db.dialect === 'postgres'
      ? 'ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only; ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_append_only;'
      : 'DROP TRIGGER IF EXISTS audit_event_append_only; DROP TRIGGER IF EXISTS audit_checkpoint_append_only;',
  );
  const links = await db.query<{ name: string }>(
    db.dialect === 'postgres'
      ? "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE 'audit_event%link_idx'"
      : "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'audit_event%link_idx'",
  );
  for (const { name } of links) await db.execScript(`DROP INDEX IF EXISTS ${name}`);
}

/** The stored row of a writer's event (the first stored, when several share the position). */
export async function storedEvent(db: AuditDatabase, writerId: string, position: number): Promise<StoredEventRow> {
  const [row] = await db.query(`SELECT ${EVENT_SELECT} FROM audit_event WHERE writer_id = $1 AND position = $2 ORDER BY seq LIMIT 1`, [
    writerId,
    position,
  ]);
  if (!row) throw new Error(`no stored event ${writerId}#${position}`);
  return storedEventRow(row);
}

/** A row's values in {@link EVENT_COLUMNS} order. */
function columnValues(row: StoredEventRow): unknown[] {
  return [
    row.writerId,
    row.position,
    row.eventId,
    row.occurredAt,
    row.requestId,
    row.clientId,
    row.org,
    row.purposes,
    row.operationName,
    row.decision,
    row.outcome,
    row.subjects,
    row.subjectRefs,
    row.organisms,
    row.memberships,
    row.stage,
    row.served,
    row.body,
    row.previousHash,
    row.hash,
  ];
}

/** Overwrites every column of the row at `seq` but `seq` itself. */
export async function overwriteRow(db: AuditDatabase, seq: number, row: StoredEventRow): Promise<void> {
  const assignments = EVENT_COLUMNS.map(
    (column, i) => `${column} = ${ARRAY_COLUMNS.has(column) ? arrayParam(db.dialect, i + 1) : `$${i + 1}`}`,
  );
  await db.query(`UPDATE audit_event SET ${assignments.join(', ')} WHERE seq = $${EVENT_COLUMNS.length + 1}`, [...columnValues(row), seq]);
}

/** Sets one text column of the row at `seq`. */
export async function setColumn(
  db: AuditDatabase,
  seq: number,
  column: 'decision' | 'client_id' | 'body' | 'hash',
  value: string,
): Promise<void> {
  await db.query(`UPDATE audit_event SET ${column} = $1 WHERE seq = $2`, [value, seq]);
}

/** Sets one text-array column of the row at `seq`. */
export async function setArrayColumn(
  db: AuditDatabase,
  seq: number,
  column: 'organisms' | 'subject_refs' | 'memberships',
  value: string[],
): Promise<void> {
  await db.query(`UPDATE audit_event SET ${column} = ${arrayParam(db.dialect, 1)} WHERE seq = $2`, [value, seq]);
}

/** How far a rewrite goes: the event's content only, also its own link, or every link after it too. */
export type Recompute = 'nothing' | 'its-hash' | 'following-hashes';

/** Rewrites an event consistently (body and columns), recomputing links as far as told. */
export async function rewriteEvent(
  db: AuditDatabase,
  writerId: string,
  position: number,
  change: (event: AuditEvent) => AuditEvent,
  recompute: Recompute,
): Promise<void> {
  const row = await storedEvent(db, writerId, position);
  const event = change(parseCanonicalEvent(row.body).event);
  const body = canonicalEvent(writerId, position, event);
  const rewritten: StoredEventRow = {
    ...row,
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    requestId: event.requestId,
    clientId: event.clientId,
    org: event.org,
    purposes: event.purposes,
    operationName: event.operationName,
    decision: event.decision,
    outcome: event.outcome,
    subjects: event.subjects,
    ...columnsSinceFirstFormat(event),
    body,
    hash: recompute === 'nothing' ? row.hash : linkHash(row.previousHash, body),
  };
  await overwriteRow(db, row.seq, rewritten);
  if (recompute !== 'following-hashes') return;
  let previousHash = rewritten.hash;
  const later = await db.query(`SELECT ${EVENT_SELECT} FROM audit_event WHERE writer_id = $1 AND position > $2 ORDER BY position`, [
    writerId,
    position,
  ]);
  for (const next of later.map(storedEventRow)) {
    const relinked = { ...next, previousHash, hash: linkHash(previousHash, next.body) };
    await overwriteRow(db, next.seq, relinked);
    previousHash = relinked.hash;
  }
}

/** Swaps the whole content of two stored rows, each keeping its `seq`. */
export async function swapRows(db: AuditDatabase, a: StoredEventRow, b: StoredEventRow): Promise<void> {
  await overwriteRow(db, a.seq, b);
  await overwriteRow(db, b.seq, a);
}

/** Deletes a writer's events from `from` to `to` (positions, included). */
export async function deleteEvents(db: AuditDatabase, writerId: string, from: number, to = from): Promise<void> {
  await db.query('DELETE FROM audit_event WHERE writer_id = $1 AND position >= $2 AND position <= $3', [writerId, from, to]);
}
