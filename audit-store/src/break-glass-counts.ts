import { utcOffsetMinutes, type TimeInterval } from './anomalies';
import type { AuditDatabase } from './database';

/** Where a break-glass access stands in the officers' review. */
export type BreakGlassStanding = 'JUSTIFIED' | 'UNJUSTIFIED' | 'PENDING';

/** How many break-glass accesses of one local month have one standing. */
export interface BreakGlassCount {
  /** `YYYY-MM` in the time zone asked for. */
  month: string;
  standing: BreakGlassStanding;
  count: number;
}

/** The local month (`YYYY-MM`) of an instant in a time zone. */
function localMonth(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(instant).slice(0, 7);
}

/**
 * Counts the break-glass accesses of a window by local month and by their
 * review's verdict (PENDING while none): aggregated in SQL by UTC hour on the
 * partial index of break-glass events (both dialects alike), then each hour
 * given its local month, so months follow the time zone's offset changes.
 * No event, person or organisation leaves this function, only counts.
 */
export async function countBreakGlassAccesses(db: AuditDatabase, window: TimeInterval, timeZone: string): Promise<BreakGlassCount[]> {
  const postgres = db.dialect === 'postgres';
  const hour = postgres ? `to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24')` : 'substr(e.occurred_at, 1, 13)';
  const time = (p: string) => (postgres ? `${p}::timestamptz` : p);
  const rows = await db.query<{ hour: string; standing: string; accesses: number | string }>(
    `SELECT ${hour} AS hour, coalesce(r.verdict, 'PENDING') AS standing, count(*) AS accesses
       FROM audit_event e LEFT JOIN audit_review r ON r.event_id = e.event_id
      WHERE e.decision = 'BREAK_GLASS' AND e.occurred_at >= ${time('$1')} AND e.occurred_at < ${time('$2')}
      GROUP BY 1, 2`,
    [window.start.toISOString(), window.end.toISOString()],
  );
  const counts = new Map<string, BreakGlassCount>();
  for (const row of rows) {
    const month = localMonth(new Date(`${row.hour}:00:00.000Z`), timeZone);
    const standing = row.standing as BreakGlassStanding;
    const key = `${month} ${standing}`;
    const entry = counts.get(key) ?? { month, standing, count: 0 };
    entry.count += Number(row.accesses);
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a.month.localeCompare(b.month) || a.standing.localeCompare(b.standing));
}

/** The instants a window of local days covers in a time zone: from the first day's midnight to the midnight after the last. */
export function localDaysWindow(from: string, to: string, timeZone: string): TimeInterval {
  const midnight = (day: string, plusDays: number): Date => {
    const [year, month, date] = day.split('-').map(Number);
    const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, (date ?? 1) + plusDays);
    const guess = wall - utcOffsetMinutes(new Date(wall), timeZone) * 60_000;
    return new Date(wall - utcOffsetMinutes(new Date(guess), timeZone) * 60_000);
  };
  return { start: midnight(from, 0), end: midnight(to, 1) };
}
