import { canonicalEvent, servedPersonalData, type AuditEvent, type ChainedEvent } from './event';
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
  'subject_refs',
  'organisms',
  'memberships',
  'stage',
  'served',
  'body',
  'previous_hash',
  'hash',
] as const;

/** The text-array columns of `audit_event`. */
export const ARRAY_COLUMNS: ReadonlySet<string> = new Set(['purposes', 'subjects', 'subject_refs', 'organisms', 'memberships']);

/**
 * What the columns added after the first format hold for an event: what
 * officers filter and anomalies count on. Null for an event of a format
 * written before they existed (the first; `memberships` the second too).
 */
export function columnsSinceFirstFormat(event: AuditEvent): {
  subjectRefs: string[] | null;
  organisms: string[] | null;
  memberships: string[] | null;
  stage: string | null;
  served: boolean | null;
} {
  if (event.format === 1) return { subjectRefs: null, organisms: null, memberships: null, stage: null, served: null };
  return {
    subjectRefs: event.subjectRefs,
    organisms: event.organisms,
    memberships: event.memberships ?? null,
    stage: event.stage,
    served: servedPersonalData(event),
  };
}

/** The values of one event's row, in {@link EVENT_COLUMNS} order. */
export function eventRowValues(chained: ChainedEvent): unknown[] {
  const { event } = chained;
  const added = columnsSinceFirstFormat(event);
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
    added.subjectRefs,
    added.organisms,
    added.memberships,
    added.stage,
    added.served,
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
  /** Null on a row of the first format, as the other columns below. */
  subjectRefs: string[] | null;
  organisms: string[] | null;
  /** Null on a row written before memberships were kept (the first and second formats). */
  memberships: string[] | null;
  stage: string | null;
  served: boolean | null;
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
    subjectRefs: row.subject_refs === null || row.subject_refs === undefined ? null : textArray(row.subject_refs),
    organisms: row.organisms === null || row.organisms === undefined ? null : textArray(row.organisms),
    memberships: row.memberships === null || row.memberships === undefined ? null : textArray(row.memberships),
    stage: (row.stage as string | null | undefined) ?? null,
    served: row.served === null || row.served === undefined ? null : Boolean(row.served),
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
