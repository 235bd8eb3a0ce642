import {
  DAY_MS,
  decodeCursor,
  type AuditCursor,
  type AuditDecision,
  type AuditEventCriteria,
  type BreakGlassVerdict,
  type PseudonymKeyring,
  type TimeInterval,
} from '@cmb/audit-store';
import { appError, parseNationalId, PURPOSES } from '@cmb/kit';

/** One hour in milliseconds: what a change of the clock adds to a period of whole local days. */
const HOUR_MS = 3_600_000;

/** What `first` and `after` of a listing become once checked. */
export interface PageRequest {
  first: number;
  after: AuditCursor | null;
}

/** The filter of `auditEvents`, as sent. */
export interface AuditEventFilterInput {
  nationalId?: string | null;
  personRef?: string | null;
  clientId?: string | null;
  organisation?: string | null;
  purpose?: string | null;
  operationName?: string | null;
  decision?: AuditDecision | null;
  from?: Date | null;
  to?: Date | null;
}

/** The review of a break-glass access, as sent. */
export interface ReviewInput {
  eventId: string;
  verdict: BreakGlassVerdict;
  comment?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Longest text filter: a client id, an organisation code or an operation name. */
const MAX_FILTER_LENGTH = 200;

function validTime(value: Date | null | undefined, field: string): Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw appError('INVALID_VALUE', { field, expected: 'an ISO-8601 date-time' });
  return value;
}

function text(value: string | null | undefined, field: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_FILTER_LENGTH)
    throw appError('INVALID_VALUE', { field, expected: `1 to ${MAX_FILTER_LENGTH} characters` });
  return trimmed;
}

/** `first` (1 to the largest page) and `after` (a cursor this subgraph issued), or `BAD_USER_INPUT`. */
export function parsePage(
  first: number | null | undefined,
  after: string | null | undefined,
  pages: { defaultSize: number; maxSize: number },
): PageRequest {
  const size = first ?? pages.defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > pages.maxSize)
    throw appError('INVALID_VALUE', { field: 'first', expected: `a whole number from 1 to ${pages.maxSize}` });
  if (after === null || after === undefined) return { first: size, after: null };
  const cursor = decodeCursor(after);
  if (!cursor) throw appError('CURSOR_MALFORMED');
  return { first: size, after: cursor };
}

/**
 * The search criteria of an officer's filter. A national id is checked with
 * the kit's identifier forms, then hashed with every key version, so events
 * written before a key rotation are found; the id itself goes no further. A
 * person's ref is hashed the same way (events that reached the person by ref
 * carry the national id's pseudonym too, so a search by national id finds
 * them as well).
 */
export function eventCriteria(filter: AuditEventFilterInput | null | undefined, keyring: PseudonymKeyring): AuditEventCriteria {
  if (!filter) return {};
  const criteria: AuditEventCriteria = {};
  if (filter.nationalId !== null && filter.nationalId !== undefined)
    criteria.subjects = keyring.pseudonymsOf(parseNationalId(filter.nationalId).value);
  if (filter.personRef !== null && filter.personRef !== undefined) {
    if (!UUID.test(filter.personRef)) throw appError('INVALID_VALUE', { field: 'personRef', expected: "a person's ref (a UUID)" });
    criteria.subjectRefs = keyring.pseudonymsOf(filter.personRef.toLowerCase());
  }
  criteria.clientId = text(filter.clientId, 'clientId');
  criteria.org = text(filter.organisation, 'organisation');
  criteria.operationName = text(filter.operationName, 'operationName');
  const purpose = text(filter.purpose, 'purpose');
  if (purpose !== undefined && !(PURPOSES as readonly string[]).includes(purpose))
    throw appError('INVALID_VALUE', { field: 'purpose', expected: 'a purpose of the realm (auth/PURPOSES.md)' });
  criteria.purpose = purpose;
  criteria.decision = filter.decision ?? undefined;
  const from = validTime(filter.from, 'from');
  const to = validTime(filter.to, 'to');
  if (from && to && from >= to) throw appError('INVALID_VALUE', { field: 'to', expected: 'a date-time after from' });
  criteria.from = from?.toISOString();
  criteria.to = to?.toISOString();
  return Object.fromEntries(Object.entries(criteria).filter(([, value]) => value !== undefined)) as AuditEventCriteria;
}

/**
 * A search whose only filters have no index (organisation, purpose, operation
 * name, a decision other than `BREAK_GLASS`) walks the time index until it
 * fills its page: one matching nothing walks the whole trail. It must give a
 * period of at most `maxDays` (`from`, and `to` or now), else
 * `AUDIT_SEARCH_PERIOD_REQUIRED`. A person, a person's ref, a client, the
 * break-glass accesses (each with its index) or no filter at all (the newest
 * events) need none.
 */
export function narrowSearch(criteria: AuditEventCriteria, maxDays: number, now: number = Date.now()): void {
  if (criteria.subjects || criteria.subjectRefs || criteria.clientId || criteria.decision === 'BREAK_GLASS') return;
  const unindexed = criteria.org ?? criteria.purpose ?? criteria.operationName ?? criteria.decision;
  if (unindexed === undefined) return;
  const from = criteria.from ? Date.parse(criteria.from) : Number.NEGATIVE_INFINITY;
  const to = criteria.to ? Date.parse(criteria.to) : now;
  // An hour more: a period of whole local days that crosses a change of the clock is an hour longer.
  if (to - from > maxDays * DAY_MS + HOUR_MS) throw appError('AUDIT_SEARCH_PERIOD_REQUIRED', { max: maxDays });
}

/** The window of an anomaly report: `from` before `to`, at most `maxDays` long, or `BAD_USER_INPUT`. */
export function anomalyWindow(from: Date, to: Date, maxDays: number): TimeInterval {
  const start = validTime(from, 'from') as Date;
  const end = validTime(to, 'to') as Date;
  if (start >= end) throw appError('INVALID_VALUE', { field: 'to', expected: 'a date-time after from' });
  if (end.getTime() - start.getTime() > maxDays * DAY_MS) throw appError('AUDIT_WINDOW_TOO_LONG', { max: maxDays });
  return { start, end };
}

/** A review as recorded: the event id a UUID, the comment trimmed (null when empty) and bounded. */
export function parseReview(
  input: ReviewInput,
  rules: { commentMaxLength: number },
): { eventId: string; verdict: BreakGlassVerdict; comment: string | null } {
  if (!UUID.test(input.eventId)) throw appError('INVALID_VALUE', { field: 'eventId', expected: 'the eventId of an audit event (a UUID)' });
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > rules.commentMaxLength)
    throw appError('INVALID_VALUE', { field: 'comment', expected: `at most ${rules.commentMaxLength} characters` });
  return { eventId: input.eventId.toLowerCase(), verdict: input.verdict, comment };
}
