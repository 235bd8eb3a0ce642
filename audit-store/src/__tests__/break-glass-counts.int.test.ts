import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents, auditEventOf } from '../../../test/support/audit-scenarios';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../test/support/test-database';
import { countBreakGlassAccesses, localDaysWindow } from '../break-glass-counts';
import { openAuditDatabase, type AuditDatabase } from '../database';
import { recordBreakGlassReview } from '../review';
import { migrateAuditStore } from '../schema';

const ZONE = 'Africa/Casablanca';
/** Local midnight opening 1 October (its UTC offset follows the time-zone data of the runtime). */
const OCTOBER = localDaysWindow('2026-10-01', '2026-10-01', ZONE).start;
const minutesFrom = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * 60_000).toISOString();

describe.each(ENGINES)('break-glass counts on %s', (engine) => {
  let database: TestDatabase;
  let db: AuditDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'break_glass_counts');
    db = openAuditDatabase({ url: database.config.url, sqlitePath: database.config.sqlitePath });
    await migrateAuditStore(db);
    const breakGlass = (occurredAt: string) =>
      auditEventOf({ occurredAt, decision: 'BREAK_GLASS', clientId: 'hopital-zzp00004', org: 'ZZP00004' });
    const events = await appendAuditEvents(db, [
      breakGlass('2026-09-10T10:00:00.000Z'),
      breakGlass('2026-09-12T10:00:00.000Z'),
      breakGlass(minutesFrom(OCTOBER, -30)), // 23:30 in Casablanca: still September
      breakGlass(minutesFrom(OCTOBER, 30)), // 00:30 on 1 October in Casablanca
      breakGlass('2026-10-02T09:00:00.000Z'),
      auditEventOf({ occurredAt: '2026-09-11T10:00:00.000Z' }), // an ordinary access: not counted
      breakGlass('2026-12-01T09:00:00.000Z'), // outside the window
    ]);
    const review = (index: number, verdict: 'JUSTIFIED' | 'UNJUSTIFIED') =>
      recordBreakGlassReview(db, {
        eventId: events[index]?.eventId ?? '',
        verdict,
        comment: null,
        reviewer: 'officer-anam',
        reviewerOrg: 'ANAM',
      });
    await review(0, 'JUSTIFIED');
    await review(1, 'UNJUSTIFIED');
    await review(3, 'JUSTIFIED');
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('counts break-glass accesses by local month and verdict, pending while unreviewed', async () => {
    expect(await countBreakGlassAccesses(db, localDaysWindow('2026-09-01', '2026-10-31', ZONE), ZONE)).toEqual([
      { month: '2026-09', standing: 'JUSTIFIED', count: 1 },
      { month: '2026-09', standing: 'PENDING', count: 1 },
      { month: '2026-09', standing: 'UNJUSTIFIED', count: 1 },
      { month: '2026-10', standing: 'JUSTIFIED', count: 1 },
      { month: '2026-10', standing: 'PENDING', count: 1 },
    ]);
  });

  it('keeps to the window of local days', async () => {
    const window = localDaysWindow('2026-10-01', '2026-10-01', ZONE);
    expect(window.end.getTime() - window.start.getTime()).toBe(86_400_000);
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format(window.start)).toBe('00');
    expect(await countBreakGlassAccesses(db, window, ZONE)).toEqual([{ month: '2026-10', standing: 'JUSTIFIED', count: 1 }]);
  });
});
