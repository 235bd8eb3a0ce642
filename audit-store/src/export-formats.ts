import { hostname } from 'node:os';
import { parseCanonicalEvent, type AuditDecision } from './event';
import type { StoredEventRow } from './rows';

/** The formats of `npm run audit -- export`. */
export type ExportFormat = 'jsonl' | 'syslog';

/** The export formats, as the command accepts them. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'syslog'];

/**
 * One JSON line: the fields of the stored body (what the hash covers) with
 * the row's `seq`, `previousHash` and `hash`. Removing those three and
 * serialising again gives the body back, so a SIEM can recompute the chain.
 */
export function jsonLine(row: StoredEventRow): string {
  const event = readableEvent(row);
  const body = event ? (JSON.parse(row.body) as Record<string, unknown>) : { ...indexedColumns(row), unreadableBody: true };
  return `${JSON.stringify({ seq: row.seq, ...body, previousHash: row.previousHash, hash: row.hash })}\n`;
}

/** The stored event, or null when its body cannot be read (tampered): the export goes on, flagging the row. */
function readableEvent(row: StoredEventRow): ReturnType<typeof parseCanonicalEvent> | null {
  try {
    return parseCanonicalEvent(row.body);
  } catch {
    return null;
  }
}

/** What the row's own columns say of an event whose body cannot be read. */
function indexedColumns(row: StoredEventRow) {
  return {
    writerId: row.writerId,
    position: row.position,
    eventId: row.eventId,
    occurredAt: row.occurredAt,
    requestId: row.requestId,
    clientId: row.clientId,
    org: row.org,
    purposes: row.purposes,
    operationName: row.operationName,
    subjects: row.subjects,
    decision: row.decision,
    outcome: row.outcome,
  };
}

/** The syslog facilities an audit export may use: 13 "log audit", or 10 "security/authorization (private)". */
export const SYSLOG_FACILITIES = { audit: 13, authpriv: 10 } as const;

/** A syslog facility by name. */
export type SyslogFacility = keyof typeof SYSLOG_FACILITIES;

/** RFC 5424 severities: notice for a served access, warning for a refusal or a broken glass. */
const SEVERITY: Record<AuditDecision, number> = { ALLOWED: 5, REFUSED: 4, BREAK_GLASS: 4 };

/** The SD-ID of the structured data: a name at the documentation private enterprise number (RFC 5612). */
export const SYSLOG_SD_ID = 'cmbAudit@32473';

/** The APP-NAME of every line. */
const APP_NAME = 'cmb-audit';

/**
 * An SD-PARAM value as RFC 5424 requires: `"`, `\` and `]` escaped with a
 * backslash. Control characters become `\uXXXX` so a value can never end the
 * line and forge another record.
 */
export function escapeSdValue(value: string): string {
  return escapeControls(value.replace(/["\\\]]/g, '\\$&'));
}

function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A header field (HOSTNAME, APP-NAME...): printable US-ASCII without spaces, `-` when empty. */
function headerField(value: string, maxLength: number): string {
  const printable = value.replace(/[^\x21-\x7e]/g, '-').slice(0, maxLength);
  return printable || '-';
}

/** The free-text MSG; marked UTF-8 with a BOM when it is not plain ASCII, as RFC 5424 asks. */
function message(text: string): string {
  const safe = escapeControls(text);
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(safe) ? safe : `\ufeff${safe}`;
}

/** Options of the syslog lines. */
export interface SyslogOptions {
  facility?: SyslogFacility;
  /** The HOSTNAME field: the exporting machine by default. */
  hostname?: string;
}

/**
 * One RFC 5424 line: `<PRI>1 TIMESTAMP HOSTNAME cmb-audit - DECISION
 * [cmbAudit@32473 ...] MSG`. Persons appear only as their pseudonyms.
 */
export function syslogLine(row: StoredEventRow, options: SyslogOptions = {}): string {
  const readable = readableEvent(row);
  if (!readable) return unreadableSyslogLine(row, options);
  const { writerId, position, event } = readable;
  const pri = SYSLOG_FACILITIES[options.facility ?? 'audit'] * 8 + (SEVERITY[event.decision] ?? SEVERITY.REFUSED);
  const params: [string, string | null][] = [
    ['eventId', event.eventId],
    ['requestId', event.requestId],
    ['clientId', event.clientId],
    ['userId', event.userId],
    ['org', event.org],
    ['purposes', event.purposes.join(',')],
    ['operation', event.operationName],
    ['outcome', event.outcome],
    ['subjects', event.subjects.join(',')],
    ['pseudonymKey', event.pseudonymKey],
    ['writer', writerId],
    ['position', String(position)],
    ['hash', row.hash],
  ];
  const data = params
    .filter((p): p is [string, string] => p[1] !== null)
    .map(([name, value]) => ` ${name}="${escapeSdValue(value)}"`)
    .join('');
  const header = [
    `<${pri}>1`,
    headerField(event.occurredAt, 64),
    headerField(options.hostname ?? hostname(), 255),
    APP_NAME,
    '-',
    headerField(event.decision, 32),
  ].join(' ');
  const text = `${event.decision} ${event.operationName ?? 'anonymous operation'} by ${event.clientId}: ${event.outcome}`;
  return `${header} [${SYSLOG_SD_ID}${data}] ${message(text)}\n`;
}

/** The line writer of a format. */
export function lineFormatter(format: ExportFormat, syslog: SyslogOptions = {}): (row: StoredEventRow) => string {
  return format === 'jsonl' ? jsonLine : (row) => syslogLine(row, syslog);
}

/** A warning line for a row whose body cannot be read (tampered), from its own columns. */
function unreadableSyslogLine(row: StoredEventRow, options: SyslogOptions): string {
  const pri = SYSLOG_FACILITIES[options.facility ?? 'audit'] * 8 + SEVERITY.REFUSED;
  const params: [string, string][] = [
    ['eventId', row.eventId],
    ['writer', row.writerId],
    ['position', String(row.position)],
    ['hash', row.hash],
  ];
  const data = params.map(([name, value]) => ` ${name}="${escapeSdValue(value)}"`).join('');
  const header = [
    `<${pri}>1`,
    headerField(row.occurredAt, 64),
    headerField(options.hostname ?? hostname(), 255),
    APP_NAME,
    '-',
    'UNREADABLE',
  ].join(' ');
  return `${header} [${SYSLOG_SD_ID}${data}] ${message('unreadable audit event body: run npm run audit:verify')}\n`;
}
