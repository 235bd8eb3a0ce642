import { canonicalEvent, type ChainedEvent } from './event';
import type { AuditDialect } from './database';
import type { Checkpoint } from './checkpoint-signing';
import { isoTime } from './time';

/** The columns of `audit_event` a writer fills, in insert order; `seq` is the store's. */
export const EVENT_COLUMNS = [
  'writer_id',
  'position',
  'event_id',
  'occurred_at',
  'request_id',
  'client_id',
  'org',
  'purposes',
  'operation_name',
  'decision',
  'outcome',
  'subjects',
  'body',
  'previous_hash',
  'hash',
] as const;

/** The values of one event's row, in {@link EVENT_COLUMNS} order. */
export function eventRowValues(chained: ChainedEvent): unknown[] {
  const { event } = chained;
  return [
    chained.writerId,
    chained.position,
    event.eventId,
    event.occurredAt,
    event.requestId,
    event.clientId,
    event.org,
    event.purposes,
    event.operationName,
    event.decision,
    event.outcome,
    event.subjects,
    canonicalEvent(chained.writerId, chained.position, event),
    chained.previousHash,
    chained.hash,
  ];
}

/** One stored event row as read back, arrays and times normalised across dialects. */
export interface StoredEventRow {
  seq: number;
  writerId: string;
  position: number;
  eventId: string;
  occurredAt: string;
  requestId: string;
  clientId: string;
  org: string | null;
  purposes: string[];
  operationName: string | null;
  decision: string;
  outcome: string;
  subjects: string[];
  body: string;
  previousHash: string;
  hash: string;
}

/** The select list that {@link storedEventRow} reads. */
export const EVENT_SELECT = `seq, ${EVENT_COLUMNS.join(', ')}`;

/** A text array column (PostgreSQL array, SQLite JSON text); unreadable text is kept as is, so verification reports it instead of failing. */
function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : [value];
  } catch {
    return [value];
  }
}

/** Reads a row of {@link EVENT_SELECT}. */
export function storedEventRow(row: Record<string, unknown>): StoredEventRow {
  return {
    seq: Number(row.seq),
    writerId: String(row.writer_id),
    position: Number(row.position),
    eventId: String(row.event_id),
    occurredAt: isoTime(row.occurred_at),
    requestId: String(row.request_id),
    clientId: String(row.client_id),
    org: (row.org as string | null) ?? null,
    purposes: textArray(row.purposes),
    operationName: (row.operation_name as string | null) ?? null,
    decision: String(row.decision),
    outcome: String(row.outcome),
    subjects: textArray(row.subjects),
    body: String(row.body),
    previousHash: String(row.previous_hash),
    hash: String(row.hash),
  };
}

/** Reads a row of `audit_checkpoint`. */
export function checkpointRow(row: Record<string, unknown>): Checkpoint {
  return {
    writerId: String(row.writer_id),
    position: Number(row.position),
    hash: String(row.hash),
    signedAt: isoTime(row.signed_at),
    keyId: String(row.key_id),
    signature: String(row.signature),
  };
}

/** `$1::text[]` on PostgreSQL where a JS array is bound; plain `$1` on SQLite (JSON text). */
export function arrayParam(dialect: AuditDialect, index: number): string {
  return dialect === 'postgres' ? `$${index}::text[]` : `$${index}`;
}
