import type { AuditDatabase } from './database';
import type { AuditDecision } from './event';
import { arrayParam, EVENT_SELECT, storedEventRow, type StoredEventRow } from './rows';
import { DAY_MS } from './time';

/**
 * The part of the trail an officer of an insurer (OG) reads: the events of
 * its own members (the event lists the organism among those covering its
 * persons) and of its own staff's actions (the event's organisation). A
 * search by person keeps to the events in which it covered that person
 * (`memberships`): its staff's actions about a person it does not cover, or
 * an event naming its member beside another insurer's, would tell its
 * officer who a ref or a national id is.
 */
export interface OrganismScope {
  organism: string;
}

/** An event's membership entry: this organism covered the person of this pseudonym (see `AuditEvent.memberships`). */
export function membership(organism: string, pseudonym: string): string {
  return `${organism}:${pseudonym}`;
}

/** What officers filter the trail on; every given criterion must hold. */
export interface AuditEventCriteria {
  /** Pseudonyms of the person searched, under every key version (see `PseudonymKeyring.pseudonymsOf`). */
  subjects?: readonly string[];
  /** Pseudonyms of the person's opaque `ref`, under every key version. */
  subjectRefs?: readonly string[];
  /** Only the events an OG's officer reads; absent, the whole trail (ANAM, the CNDP). */
  scope?: OrganismScope;
  clientId?: string;
  /** Clients whose events are left out (the person's own portal, in their access history). */
  excludeClientIds?: readonly string[];
  org?: string;
  purpose?: string;
  operationName?: string;
  decision?: AuditDecision;
  /** Only break-glass events that no officer has reviewed yet (no row in `audit_review`). */
  awaitingReview?: boolean;
  /** ISO-8601, inclusive. */
  from?: string;
  /** ISO-8601, exclusive. */
  to?: string;
}

/** A page of events, in the order asked (newest first by default). */
export interface AuditEventPage {
  events: StoredEventRow[];
  /** Pass as `after` for the next page; null on an empty page. */
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The place of an event in a listing: its time, then its storage order. */
export interface AuditCursor {
  occurredAt: string;
  seq: number;
}

/** How a search pages: `first` events after a cursor, newest first unless `order` is `oldest`. */
export interface AuditPageRequest {
  first: number;
  after?: AuditCursor | null;
  /** `newest` (default): what officers read first; `oldest`: a review queue, first come first served. */
  order?: 'newest' | 'oldest';
}

/** The largest page a search returns. */
export const MAX_PAGE_SIZE = 200;

/** A cursor: the place of the last event of a page (time, then storage order). */
export function encodeCursor(row: Pick<StoredEventRow, 'occurredAt' | 'seq'>): string {
  return Buffer.from(`${row.occurredAt}|${row.seq}`, 'utf8').toString('base64url');
}

/** Reads a cursor; null when it is not one {@link encodeCursor} made. */
export function decodeCursor(cursor: string): AuditCursor | null {
  const [occurredAt, seq, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !occurredAt || !seq || !/^\d{1,15}$/.test(seq)) return null;
  const time = Date.parse(occurredAt);
  if (Number.isNaN(time)) return null;
  const decoded = { occurredAt: new Date(time).toISOString(), seq: Number(seq) };
  // Only what we issued: the same text back, so a hand-made or truncated cursor is refused.
  return encodeCursor(decoded) === cursor ? decoded : null;
}

/** Builds a WHERE clause with numbered parameters for either dialect. */
export class WhereClause {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  constructor(private readonly db: Pick<AuditDatabase, 'dialect'>) {}

  /** Adds a parameter and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a text-array parameter and returns its placeholder. */
  arrayParam(values: readonly string[]): string {
    this.params.push([...values]);
    return arrayParam(this.db.dialect, this.params.length);
  }

  /** Adds a time parameter, typed on PostgreSQL (SQLite compares the ISO text). */
  timeParam(iso: string): string {
    const p = this.param(iso);
    return this.db.dialect === 'postgres' ? `${p}::timestamptz` : p;
  }

  add(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** `column` (an array column) holds `value`. */
  arrayHolds(column: string, value: string): this {
    const p = this.param(value);
    return this.add(
      this.db.dialect === 'postgres' ? `${p} = ANY(${column})` : `EXISTS (SELECT 1 FROM json_each(${column}) WHERE value = ${p})`,
    );
  }

  /** `column` (an array column) shares an element with `values`. */
  arrayOverlaps(column: string, values: readonly string[]): this {
    return this.add(this.arrayOverlapsCondition(column, values));
  }

  /** The condition "`column` (an array column) shares an element with `values`". */
  private arrayOverlapsCondition(column: string, values: readonly string[]): string {
    const p = this.arrayParam(values);
    return this.db.dialect === 'postgres'
      ? `${column} && ${p}`
      : `EXISTS (SELECT 1 FROM json_each(${column}) WHERE value IN (SELECT value FROM json_each(${p})))`;
  }

  /** The events of an organism's members or staff (see {@link OrganismScope}). */
  withinScope(scope: OrganismScope): this {
    const org = this.param(scope.organism);
    return this.add(`(org = ${org} OR ${this.organismsHold(org)})`);
  }

  /**
   * The events in which the organism covered the person searched (one of its
   * `pseudonyms`): by the event's memberships; an event written before they
   * were kept, by its organisms (it covered one of the event's persons).
   */
  coveredBy(scope: OrganismScope, pseudonyms: readonly string[]): this {
    const covered = this.arrayOverlapsCondition(
      'memberships',
      pseudonyms.map((pseudonym) => membership(scope.organism, pseudonym)),
    );
    const older = this.organismsHold(this.param(scope.organism));
    return this.add(`(${covered} OR (memberships IS NULL AND ${older}))`);
  }

  /** The condition "the event's organisms hold the organism of placeholder `org`". */
  private organismsHold(org: string): string {
    return this.db.dialect === 'postgres'
      ? `organisms @> ARRAY[${org}]::text[]`
      : `EXISTS (SELECT 1 FROM json_each(organisms) WHERE value = ${org})`;
  }

  /** `column` is none of `values`. */
  notIn(column: string, values: readonly string[]): this {
    if (values.length === 0) return this;
    return this.add(`${column} NOT IN (${values.map((value) => this.param(value)).join(', ')})`);
  }

  get sql(): string {
    return this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** The condition "no officer has reviewed this event yet", for a query over `audit_event`. */
export const NOT_REVIEWED = 'NOT EXISTS (SELECT 1 FROM audit_review r WHERE r.event_id = audit_event.event_id)';

/** The conditions of the criteria. */
export function criteriaClause(db: Pick<AuditDatabase, 'dialect'>, criteria: AuditEventCriteria): WhereClause {
  const where = new WhereClause(db);
  if (criteria.subjects) where.arrayOverlaps('subjects', criteria.subjects);
  if (criteria.subjectRefs) where.arrayOverlaps('subject_refs', criteria.subjectRefs);
  // A search by person, within an OG's scope, finds the events in which it covered that person only (see OrganismScope).
  // Each person criterion on its own: a national id it guessed beside a ref of its own member never passes on the ref.
  if (criteria.scope && (criteria.subjects || criteria.subjectRefs)) {
    for (const pseudonyms of [criteria.subjects, criteria.subjectRefs]) if (pseudonyms) where.coveredBy(criteria.scope, pseudonyms);
  } else if (criteria.scope) where.withinScope(criteria.scope);
  if (criteria.clientId) where.add(`client_id = ${where.param(criteria.clientId)}`);
  if (criteria.excludeClientIds) where.notIn('client_id', criteria.excludeClientIds);
  if (criteria.org) where.add(`org = ${where.param(criteria.org)}`);
  if (criteria.purpose) where.arrayHolds('purposes', criteria.purpose);
  if (criteria.operationName) where.add(`operation_name = ${where.param(criteria.operationName)}`);
  if (criteria.decision) where.add(`decision = ${where.param(criteria.decision)}`);
  if (criteria.awaitingReview) where.add(`decision = 'BREAK_GLASS'`).add(NOT_REVIEWED);
  if (criteria.from) where.add(`occurred_at >= ${where.timeParam(criteria.from)}`);
  if (criteria.to) where.add(`occurred_at < ${where.timeParam(criteria.to)}`);
  return where;
}

/**
 * How far back, in days from the newest event a page can hold, the time
 * windows of a newest-first search by person reach; a last window takes the
 * rest. The GIN index finds a person's events but not in time order, so one
 * statement over the whole trail reads every event of the person (one heap
 * page each, thousands for a person in a long stay) before keeping the
 * newest page; walking disjoint windows newest first and stopping once the
 * page is full reads about a page's worth instead, and gives the same page.
 * Measured in load-tests/RESULTS.md (audit search, 10 million events).
 */
const PERSON_SEARCH_WINDOW_DAYS = [7, 90];

/** The time windows of a search, newest first: one unbounded window unless it is a newest-first search by person on PostgreSQL. */
function searchWindows(
  db: Pick<AuditDatabase, 'dialect'>,
  criteria: AuditEventCriteria,
  page: AuditPageRequest,
): { from?: string; before?: string }[] {
  if (db.dialect !== 'postgres' || !(criteria.subjects || criteria.subjectRefs) || page.order === 'oldest') return [{}];
  const newest = Math.min(
    Date.now(),
    criteria.to ? Date.parse(criteria.to) : Infinity,
    page.after ? Date.parse(page.after.occurredAt) : Infinity,
  );
  if (Number.isNaN(newest)) return [{}];
  const oldest = criteria.from ? Date.parse(criteria.from) : -Infinity;
  const windows: { from?: string; before?: string }[] = [];
  let before: string | undefined;
  for (const days of PERSON_SEARCH_WINDOW_DAYS) {
    const from = newest - days * DAY_MS;
    // The criteria's own lower bound already ends the search within this window.
    if (from <= oldest) break;
    windows.push({ from: new Date(from).toISOString(), before });
    before = new Date(from).toISOString();
  }
  windows.push({ before });
  return windows;
}

/**
 * The events matching the criteria, `first` at a time after a cursor, newest
 * first (or oldest first for a review queue). A search by person uses the
 * subjects index (GIN on PostgreSQL), newest time window first; pages are a
 * keyset on (occurred_at, seq), so they never skip or repeat an event while
 * new ones arrive.
 */
export async function searchAuditEvents(db: AuditDatabase, criteria: AuditEventCriteria, page: AuditPageRequest): Promise<AuditEventPage> {
  if ((criteria.subjects && criteria.subjects.length === 0) || (criteria.subjectRefs && criteria.subjectRefs.length === 0))
    return { events: [], endCursor: null, hasNextPage: false };
  const oldestFirst = page.order === 'oldest';
  const first = Math.min(Math.max(Math.trunc(page.first), 0), MAX_PAGE_SIZE);
  const direction = oldestFirst ? 'ASC' : 'DESC';
  const rows: Record<string, unknown>[] = [];
  for (const window of searchWindows(db, criteria, page)) {
    const where = criteriaClause(db, criteria);
    if (page.after) {
      where.add(
        `(occurred_at, seq) ${oldestFirst ? '>' : '<'} (${where.timeParam(page.after.occurredAt)}, ${where.param(page.after.seq)})`,
      );
    }
    if (window.from) where.add(`occurred_at >= ${where.timeParam(window.from)}`);
    if (window.before) where.add(`occurred_at < ${where.timeParam(window.before)}`);
    rows.push(
      ...(await db.query(
        `SELECT ${EVENT_SELECT} FROM audit_event ${where.sql} ORDER BY occurred_at ${direction}, seq ${direction} LIMIT ${first + 1 - rows.length}`,
        where.params,
      )),
    );
    if (rows.length > first) break;
  }
  const events = rows.slice(0, first).map(storedEventRow);
  const last = events.at(-1);
  return { events, endCursor: last ? encodeCursor(last) : null, hasNextPage: rows.length > first };
}

/** One event by its id, or null. The id must be a UUID (the column's type on PostgreSQL). */
export async function findAuditEvent(db: AuditDatabase, eventId: string): Promise<StoredEventRow | null> {
  const rows = await db.query(`SELECT ${EVENT_SELECT} FROM audit_event WHERE event_id = $1 LIMIT 1`, [eventId]);
  return rows[0] ? storedEventRow(rows[0]) : null;
}
