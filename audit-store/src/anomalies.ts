import type { AuditDatabase } from './database';
import type { OrganismScope } from './search';
import { DAY_MS, isoTime } from './time';

/** What an anomaly report flags. */
export type AnomalyKind = 'VOLUME_ABOVE_BASELINE' | 'OFF_HOURS_ACCESS' | 'REFUSED_BURST';

/** The kinds, in report order. */
export const ANOMALY_KINDS: readonly AnomalyKind[] = ['VOLUME_ABOVE_BASELINE', 'OFF_HOURS_ACCESS', 'REFUSED_BURST'];

/** One flagged behaviour of one client (and organisation) over a stretch of time. */
export interface AuditAnomaly {
  kind: AnomalyKind;
  clientId: string;
  org: string | null;
  /** ISO-8601 UTC: where the flagged stretch starts (inclusive)... */
  windowStart: string;
  /** ...and ends. */
  windowEnd: string;
  /** Distinct persons read (volume), accesses (off hours), refused accesses (burst). */
  observed: number;
  /** Volume only: the client's daily average of distinct persons before the window. */
  baseline: number | null;
  /** The value `observed` reached or passed. */
  threshold: number;
  /** Off hours only: how many nights had accesses. */
  nights?: number;
}

/** How the anomalies are detected; versioned reference data plus environment overrides in the audit subgraph. */
export interface AnomalySettings {
  volume: {
    /** Days before the window that make a client's baseline. */
    baselineDays: number;
    /** A day is flagged when its distinct persons pass `factor` times the baseline... */
    factor: number;
    /** ...and reach at least this many persons. */
    minimum: number;
  };
  offHours: {
    /** IANA time zone of the local hours (Africa/Casablanca). */
    timeZone: string;
    /** Local hour the night starts (22)... */
    startHour: number;
    /** ...and ends (6). */
    endHour: number;
    /** Accesses at night from which a client is reported. */
    minimum: number;
  };
  refusedBurst: {
    /** Refused accesses by one client... */
    count: number;
    /** ...within this many minutes. */
    withinMinutes: number;
  };
  /** Clients left out of every report (the patient portal: a person reading their own data). */
  excludeClientIds: readonly string[];
}

/** A stretch of time, `start` included, `end` excluded. */
export interface TimeInterval {
  start: Date;
  end: Date;
}

/** The UTC offset of a time zone at an instant, in minutes (60 for Africa/Casablanca most of the year). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wall - (instant.getTime() - instant.getUTCMilliseconds())) / 60_000);
}

/** The instant a local wall time names in a time zone (the later reading when a change of offset repeats it). */
function zonedInstant(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour);
  let instant = wall - utcOffsetMinutes(new Date(wall), timeZone) * 60_000;
  const corrected = wall - utcOffsetMinutes(new Date(instant), timeZone) * 60_000;
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

/** The local calendar day of an instant: [year, month, day]. */
function localDay(instant: Date, timeZone: string): [number, number, number] {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(instant)
    .split('-')
    .map(Number);
  return [year as number, month as number, day as number];
}

/**
 * The nights of a window in UTC: every stretch from `startHour` to `endHour`
 * local time (22:00 to 06:00 in Africa/Casablanca, whose offset changes during
 * Ramadan), clipped to the window. Computed here rather than in SQL, so both
 * dialects count the same hours.
 */
export function localNightIntervals(window: TimeInterval, timeZone: string, startHour: number, endHour: number): TimeInterval[] {
  const nights: TimeInterval[] = [];
  const [y, m, d] = localDay(new Date(window.start.getTime() - DAY_MS), timeZone);
  for (let offset = 0; ; offset += 1) {
    const day = new Date(Date.UTC(y, m - 1, d + offset));
    const next = new Date(Date.UTC(y, m - 1, d + offset + (startHour < endHour ? 0 : 1)));
    const start = zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), startHour, timeZone);
    if (start >= window.end) break;
    const end = zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), endHour, timeZone);
    const clipped = { start: start < window.start ? window.start : start, end: end > window.end ? window.end : end };
    if (clipped.start < clipped.end) nights.push(clipped);
  }
  return nights;
}

/** `a = b` that also holds when both are null. */
function sameOrg(db: AuditDatabase, a: string, b: string): string {
  return db.dialect === 'postgres' ? `${a} IS NOT DISTINCT FROM ${b}` : `${a} IS ${b}`;
}

/**
 * ` AND (...)`: only the events of an OG's members or staff, when the report
 * is an OG officer's (see {@link OrganismScope}); nothing for the whole trail.
 */
function scoped(db: AuditDatabase, alias: string, scope: OrganismScope | undefined, params: unknown[]): string {
  if (!scope) return '';
  params.push(scope.organism);
  return scopeCondition(db, alias, `$${params.length}`);
}

/** ` AND (...)` of {@link scoped}, for an organism parameter already numbered. */
function scopeCondition(db: AuditDatabase, alias: string, org: string): string {
  const member =
    db.dialect === 'postgres'
      ? `${alias}organisms @> ARRAY[${org}::text]`
      : `EXISTS (SELECT 1 FROM json_each(${alias}organisms) WHERE value = ${org})`;
  return ` AND (${alias}org = ${org} OR ${member})`;
}

/** ` AND ...`: leaves a mutation's intent out (its outcome is counted): one operation is one access. */
function notIntent(alias: string): string {
  return ` AND (${alias}stage IS NULL OR ${alias}stage <> 'INTENT')`;
}

function excluded(column: string, ids: readonly string[], params: unknown[]): string {
  if (ids.length === 0) return '';
  const placeholders = ids.map((id) => {
    params.push(id);
    return `$${params.length}`;
  });
  return ` AND ${column} NOT IN (${placeholders.join(', ')})`;
}

/**
 * Days on which a client read far more distinct persons than it usually does:
 * the window is cut into 24-hour days from its start; each day's distinct
 * subjects of the events that served personal data (a refused field does not
 * hide the fields served beside it; an intent serves nothing; events of the
 * first format count unless refused) are compared with the client's daily
 * average over the `baselineDays` before the window. Flagged when above
 * `factor` times that average and at least `minimum`. Aggregated in SQL.
 */
export async function volumeAnomalies(
  db: AuditDatabase,
  window: TimeInterval,
  settings: AnomalySettings,
  scope?: OrganismScope,
): Promise<AuditAnomaly[]> {
  const { baselineDays, factor, minimum } = settings.volume;
  const baselineFrom = new Date(window.start.getTime() - baselineDays * DAY_MS);
  const params: unknown[] = [
    baselineFrom.toISOString(),
    window.start.toISOString(),
    window.end.toISOString(),
    baselineDays,
    minimum,
    factor,
  ];
  const postgres = db.dialect === 'postgres';
  const subjects = postgres ? 'CROSS JOIN LATERAL unnest(e.subjects) AS s(subject)' : 'CROSS JOIN json_each(e.subjects) AS s';
  const subject = postgres ? 's.subject' : 's.value';
  const day = postgres
    ? 'floor(extract(epoch FROM (e.occurred_at - $2::timestamptz)) / 86400)::int'
    : 'CAST(floor(julianday(e.occurred_at) - julianday($2)) AS INTEGER)';
  const time = (p: string) => (postgres ? `${p}::timestamptz` : p);
  const sql = `
    WITH daily AS (
      SELECT e.client_id, e.org, ${day} AS day, count(DISTINCT ${subject}) AS persons
      FROM audit_event e ${subjects}
      WHERE e.occurred_at >= ${time('$1')} AND e.occurred_at < ${time('$3')}
        AND ${postgres ? "coalesce(e.served, e.decision <> 'REFUSED')" : "coalesce(e.served, e.decision <> 'REFUSED') = 1"}${excluded('e.client_id', settings.excludeClientIds, params)}${scoped(db, 'e.', scope, params)}
      GROUP BY e.client_id, e.org, ${day}
    ), baseline AS (
      SELECT client_id, org, ${postgres ? 'sum(persons)::float8 / $4::float8' : 'CAST(sum(persons) AS REAL) / $4'} AS average
      FROM daily WHERE day < 0 GROUP BY client_id, org
    )
    SELECT d.client_id, d.org, d.day, d.persons, coalesce(b.average, 0) AS baseline
    FROM daily d LEFT JOIN baseline b ON b.client_id = d.client_id AND ${sameOrg(db, 'b.org', 'd.org')}
    WHERE d.day >= 0 AND d.persons >= ${postgres ? '$5::int' : '$5'} AND d.persons > ${postgres ? '$6::float8' : '$6'} * coalesce(b.average, 0)
    ORDER BY d.day, d.client_id, d.org`;
  const rows = await db.query<{ client_id: string; org: string | null; day: number; persons: number | string; baseline: number | string }>(
    sql,
    params,
  );
  return rows.map((row) => {
    const start = new Date(window.start.getTime() + Number(row.day) * DAY_MS);
    const end = new Date(Math.min(start.getTime() + DAY_MS, window.end.getTime()));
    const baseline = Number(row.baseline);
    return {
      kind: 'VOLUME_ABOVE_BASELINE',
      clientId: row.client_id,
      org: row.org ?? null,
      windowStart: start.toISOString(),
      windowEnd: end.toISOString(),
      observed: Number(row.persons),
      baseline: Math.round(baseline * 100) / 100,
      threshold: Math.max(minimum, Math.round(factor * baseline * 100) / 100),
    };
  });
}

/**
 * Clients that accessed personal data at night (from `startHour` to
 * `endHour` local time), with their count, the first and last such access and
 * the number of nights; reported from `minimum` accesses.
 */
export async function offHoursAnomalies(
  db: AuditDatabase,
  window: TimeInterval,
  settings: AnomalySettings,
  scope?: OrganismScope,
): Promise<AuditAnomaly[]> {
  const { timeZone, startHour, endHour, minimum } = settings.offHours;
  const nights = localNightIntervals(window, timeZone, startHour, endHour);
  if (nights.length === 0) return [];
  const postgres = db.dialect === 'postgres';
  // PostgreSQL takes the nights as two arrays of times; SQLite as one JSON array of [start, end] pairs.
  const params: unknown[] = postgres
    ? [nights.map((n) => n.start.toISOString()), nights.map((n) => n.end.toISOString())]
    : [nights.map((n) => [n.start.toISOString(), n.end.toISOString()])];
  const param = (value: unknown, cast = '') => {
    params.push(value);
    return postgres ? `$${params.length}${cast}` : `$${params.length}`;
  };
  const night = postgres
    ? 'JOIN unnest($1::timestamptz[], $2::timestamptz[]) AS n(starts, ends) ON e.occurred_at >= n.starts AND e.occurred_at < n.ends'
    : "JOIN (SELECT json_extract(value, '$[0]') AS starts, json_extract(value, '$[1]') AS ends FROM json_each($1)) AS n ON e.occurred_at >= n.starts AND e.occurred_at < n.ends";
  const from = param(window.start.toISOString(), '::timestamptz');
  const to = param(window.end.toISOString(), '::timestamptz');
  const least = param(minimum, '::int');
  const sql = `
    SELECT e.client_id, e.org, count(*) AS accesses, count(DISTINCT n.starts) AS nights, min(e.occurred_at) AS first_at, max(e.occurred_at) AS last_at
    FROM audit_event e ${night}
    WHERE e.occurred_at >= ${from} AND e.occurred_at < ${to}${notIntent('e.')}${excluded('e.client_id', settings.excludeClientIds, params)}${scoped(db, 'e.', scope, params)}
    GROUP BY e.client_id, e.org
    HAVING count(*) >= ${least}
    ORDER BY count(*) DESC, e.client_id`;
  const rows = await db.query<{
    client_id: string;
    org: string | null;
    accesses: number | string;
    nights: number | string;
    first_at: unknown;
    last_at: unknown;
  }>(sql, params);
  return rows.map((row) => ({
    kind: 'OFF_HOURS_ACCESS',
    clientId: row.client_id,
    org: row.org ?? null,
    windowStart: isoTime(row.first_at),
    windowEnd: isoTime(row.last_at),
    observed: Number(row.accesses),
    baseline: null,
    threshold: minimum,
    nights: Number(row.nights),
  }));
}

/**
 * An event a refused burst counts: refused whole, or with a refusal beside
 * what it served (its outcome is then the refusal's code), so a probe behind
 * a harmless alias still counts.
 */
const refusalOf = (alias = '') =>
  `(${alias}decision = 'REFUSED' OR ${alias}outcome IN ('FORBIDDEN', 'UNAUTHENTICATED', 'RATE_LIMITED', 'QUERY_TOO_COMPLEX', 'METHOD_NOT_ALLOWED'))`;

/**
 * Bursts of refused accesses: at least `count` refused accesses by one client
 * within `withinMinutes`; overlapping bursts of a client are merged into one,
 * with the number of refused accesses it holds. Window functions in SQL
 * (`lead` finds the `count`-th refusal after each one; a running maximum joins
 * the overlapping stretches).
 */
export async function refusedBursts(
  db: AuditDatabase,
  window: TimeInterval,
  settings: AnomalySettings,
  scope?: OrganismScope,
): Promise<AuditAnomaly[]> {
  const { count, withinMinutes } = settings.refusedBurst;
  if (!Number.isInteger(count) || count < 2) throw new Error('refusedBurst.count must be a whole number of at least 2');
  const postgres = db.dialect === 'postgres';
  const params: unknown[] = [window.start.toISOString(), window.end.toISOString()];
  const time = (p: string) => (postgres ? `${p}::timestamptz` : p);
  // The same scope for the bursts and for the refusals each one counts (parameters numbered once, used twice).
  const inScope = scoped(db, '', scope, params);
  const inScopeE = scope ? scopeCondition(db, 'e.', `$${params.length}`) : '';
  const later = (column: string) =>
    postgres
      ? `${column} + make_interval(secs => ${Math.round(withinMinutes * 60)})`
      : `strftime('%Y-%m-%dT%H:%M:%fZ', ${column}, '+${Math.round(withinMinutes * 60)} seconds')`;
  const sql = `
    WITH refused AS (
      SELECT client_id, org, occurred_at, seq,
             lead(occurred_at, ${count - 1}) OVER (PARTITION BY client_id, org ORDER BY occurred_at, seq) AS last_at
      FROM audit_event
      WHERE ${refusalOf()} AND occurred_at >= ${time('$1')} AND occurred_at < ${time('$2')}${excluded('client_id', settings.excludeClientIds, params)}${inScope}
    ), starts AS (
      SELECT client_id, org, occurred_at AS start_at, seq, last_at FROM refused
      WHERE last_at IS NOT NULL AND last_at < ${later('occurred_at')}
    ), marked AS (
      SELECT client_id, org, start_at, last_at,
             CASE WHEN start_at <= max(last_at) OVER (PARTITION BY client_id, org ORDER BY start_at, seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS fresh,
             seq
      FROM starts
    ), numbered AS (
      SELECT client_id, org, start_at, last_at, sum(fresh) OVER (PARTITION BY client_id, org ORDER BY start_at, seq ROWS UNBOUNDED PRECEDING) AS burst
      FROM marked
    ), bursts AS (
      SELECT client_id, org, min(start_at) AS burst_start, max(last_at) AS burst_end FROM numbered GROUP BY client_id, org, burst
    )
    SELECT b.client_id, b.org, b.burst_start, b.burst_end,
           (SELECT count(*) FROM audit_event e WHERE ${refusalOf('e.')} AND e.client_id = b.client_id AND ${sameOrg(db, 'e.org', 'b.org')}
              AND e.occurred_at >= b.burst_start AND e.occurred_at <= b.burst_end${inScopeE}) AS refused
    FROM bursts b
    ORDER BY b.burst_start, b.client_id`;
  const rows = await db.query<{
    client_id: string;
    org: string | null;
    burst_start: unknown;
    burst_end: unknown;
    refused: number | string;
  }>(sql, params);
  return rows.map((row) => ({
    kind: 'REFUSED_BURST',
    clientId: row.client_id,
    org: row.org ?? null,
    windowStart: isoTime(row.burst_start),
    windowEnd: isoTime(row.burst_end),
    observed: Number(row.refused),
    baseline: null,
    threshold: count,
  }));
}

/**
 * Every anomaly of a window, by kind: volume above baseline, off-hours
 * access, refused bursts; over the events an OG's officer reads when a scope
 * is given, else over the whole trail.
 */
export async function detectAnomalies(
  db: AuditDatabase,
  window: TimeInterval,
  settings: AnomalySettings,
  scope?: OrganismScope,
): Promise<AuditAnomaly[]> {
  if (!(window.start < window.end)) throw new Error('anomaly window: start must be before end');
  const [volume, offHours, bursts] = await Promise.all([
    volumeAnomalies(db, window, settings, scope),
    offHoursAnomalies(db, window, settings, scope),
    refusedBursts(db, window, settings, scope),
  ]);
  return [...volume, ...offHours, ...bursts];
}
