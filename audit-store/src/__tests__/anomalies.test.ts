import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  anomalyScenario,
  appendAuditEvents,
  auditEventOf,
  SCENARIO_ANOMALIES,
  SCENARIO_SETTINGS,
  SCENARIO_WINDOW,
} from '../../../test/support/audit-scenarios';
import { detectAnomalies, localNightIntervals, offHoursAnomalies, refusedBursts, utcOffsetMinutes, volumeAnomalies } from '../anomalies';
import { openAuditDatabase, type AuditDatabase } from '../database';
import { migrateAuditStore } from '../schema';

const spans = (intervals: { start: Date; end: Date }[]) => intervals.map((i) => [i.start.toISOString(), i.end.toISOString()]);

describe('local nights in Africa/Casablanca', () => {
  it('reads the offset of the zone, UTC+1 most of the year and UTC+0 during Ramadan', () => {
    expect(utcOffsetMinutes(new Date('2026-05-04T12:00:00Z'), 'Africa/Casablanca')).toBe(60);
    expect(utcOffsetMinutes(new Date('2026-03-02T12:00:00Z'), 'Africa/Casablanca')).toBe(0);
  });

  it('cuts a window into its nights from 22:00 to 06:00 local time, clipped to the window', () => {
    expect(spans(localNightIntervals(SCENARIO_WINDOW, 'Africa/Casablanca', 22, 6))).toEqual([
      ['2026-05-04T00:00:00.000Z', '2026-05-04T05:00:00.000Z'],
      ['2026-05-04T21:00:00.000Z', '2026-05-05T00:00:00.000Z'],
    ]);
  });

  it('follows the change of offset at the start of Ramadan (03:00 becomes 02:00 on 15 February 2026: that night lasts 9 hours)', () => {
    const window = { start: new Date('2026-02-14T00:00:00Z'), end: new Date('2026-02-17T00:00:00Z') };
    expect(spans(localNightIntervals(window, 'Africa/Casablanca', 22, 6))).toEqual([
      ['2026-02-14T00:00:00.000Z', '2026-02-14T05:00:00.000Z'],
      ['2026-02-14T21:00:00.000Z', '2026-02-15T06:00:00.000Z'],
      ['2026-02-15T22:00:00.000Z', '2026-02-16T06:00:00.000Z'],
      ['2026-02-16T22:00:00.000Z', '2026-02-17T00:00:00.000Z'],
    ]);
  });

  it('also takes a night within one day (01:00 to 05:00)', () => {
    expect(spans(localNightIntervals(SCENARIO_WINDOW, 'Africa/Casablanca', 1, 5))).toEqual([
      ['2026-05-04T00:00:00.000Z', '2026-05-04T04:00:00.000Z'],
    ]);
  });
});

describe('anomaly detection in SQL (SQLite)', () => {
  let db: AuditDatabase;

  beforeEach(async () => {
    db = openAuditDatabase({ sqlitePath: ':memory:' });
    await migrateAuditStore(db);
  });
  afterEach(() => db.close());

  it('reports each anomaly of the scenario and none of its near misses', async () => {
    await appendAuditEvents(db, anomalyScenario());
    expect(await detectAnomalies(db, SCENARIO_WINDOW, SCENARIO_SETTINGS)).toEqual(SCENARIO_ANOMALIES);
  });

  it('compares each 24-hour day of a longer window with the baseline', async () => {
    await appendAuditEvents(db, anomalyScenario());
    const window = { start: new Date('2026-05-03T00:00:00.000Z'), end: new Date('2026-05-05T00:00:00.000Z') };
    const found = await volumeAnomalies(db, window, SCENARIO_SETTINGS);
    // The window starts a day earlier, so the baseline moves a day too: the event of 3 May now falls in the window.
    expect(found.map((a) => [a.clientId, a.windowStart, a.observed])).toEqual([
      ['cabinet-zzp00001', '2026-05-04T00:00:00.000Z', 30],
      ['cabinet-zzp88888', '2026-05-04T00:00:00.000Z', 22],
      ['og-cnss', '2026-05-04T00:00:00.000Z', 20],
    ]);
  });

  it('follows the factor and the minimum', async () => {
    await appendAuditEvents(db, anomalyScenario());
    const lenient = { ...SCENARIO_SETTINGS, volume: { baselineDays: 28, factor: 2, minimum: 5 } };
    const found = await volumeAnomalies(db, SCENARIO_WINDOW, lenient);
    expect(found.map((a) => [a.clientId, a.observed, a.threshold])).toEqual([
      ['cabinet-zzp00001', 30, 10],
      ['cabinet-zzp00003', 25, 20],
      ['cabinet-zzp88888', 22, 5],
      ['og-cnops', 5, 5],
      ['og-cnss', 20, 5],
    ]);
  });

  it('reports off-hours access from the configured minimum, and nothing for a window without night', async () => {
    await appendAuditEvents(db, anomalyScenario());
    expect(
      await offHoursAnomalies(db, SCENARIO_WINDOW, { ...SCENARIO_SETTINGS, offHours: { ...SCENARIO_SETTINGS.offHours, minimum: 4 } }),
    ).toEqual([]);
    const daytime = { start: new Date('2026-05-04T08:00:00.000Z'), end: new Date('2026-05-04T18:00:00.000Z') };
    expect(await offHoursAnomalies(db, daytime, SCENARIO_SETTINGS)).toEqual([]);
  });

  it('counts a burst only within its minutes, and separates two bursts of one client', async () => {
    await appendAuditEvents(db, anomalyScenario());
    const strict = { ...SCENARIO_SETTINGS, refusedBurst: { count: 5, withinMinutes: 1 } };
    expect((await refusedBursts(db, SCENARIO_WINDOW, strict)).map((a) => [a.clientId, a.windowStart, a.observed])).toEqual([
      ['clinique-zzp00010', '2026-05-04T15:00:00.000Z', 5],
    ]);
    const loose = { ...SCENARIO_SETTINGS, refusedBurst: { count: 5, withinMinutes: 30 } };
    expect((await refusedBursts(db, SCENARIO_WINDOW, loose)).map((a) => [a.clientId, a.windowStart, a.windowEnd, a.observed])).toEqual([
      ['clinique-zzp00010', '2026-05-04T12:00:00.000Z', '2026-05-04T12:10:00.000Z', 21],
      ['hopital-zzp00004', '2026-05-04T13:00:00.000Z', '2026-05-04T13:20:00.000Z', 5],
      ['clinique-zzp00010', '2026-05-04T15:00:00.000Z', '2026-05-04T15:00:48.000Z', 5],
    ]);
  });

  it('keeps the organisations of one client apart (an officer console serves several)', async () => {
    const refusals = (org: string) =>
      Array.from({ length: 3 }, (_, i) =>
        auditEventOf({ clientId: 'officer-console', org, occurredAt: `2026-05-04T12:00:0${i}.000Z`, decision: 'REFUSED' }),
      );
    await appendAuditEvents(db, [...refusals('ANAM'), ...refusals('CNSS')]);
    const settings = { ...SCENARIO_SETTINGS, refusedBurst: { count: 3, withinMinutes: 5 } };
    expect((await refusedBursts(db, SCENARIO_WINDOW, settings)).map((a) => [a.org, a.observed])).toEqual([
      ['ANAM', 3],
      ['CNSS', 3],
    ]);
    expect(await refusedBursts(db, SCENARIO_WINDOW, { ...settings, refusedBurst: { count: 4, withinMinutes: 5 } })).toEqual([]);
  });

  it('counts in a burst a refusal beside a served alias (an allowed event whose outcome is a refusal; it was not counted)', async () => {
    const probes = Array.from({ length: 3 }, (_, i) =>
      auditEventOf({ clientId: 'clinique-zzp00010', occurredAt: `2026-05-04T12:00:0${i}.000Z`, decision: 'ALLOWED', outcome: 'FORBIDDEN' }),
    );
    await appendAuditEvents(db, probes);
    const settings = { ...SCENARIO_SETTINGS, refusedBurst: { count: 3, withinMinutes: 5 } };
    expect((await refusedBursts(db, SCENARIO_WINDOW, settings)).map((a) => [a.clientId, a.observed])).toEqual([['clinique-zzp00010', 3]]);
  });

  it("reports to an OG's officer only over its members' and its own staff's events", async () => {
    await appendAuditEvents(db, anomalyScenario());
    const cnss = await detectAnomalies(db, SCENARIO_WINDOW, SCENARIO_SETTINGS, { organism: 'CNSS' });
    expect(cnss.map((a) => [a.kind, a.clientId, a.observed])).toEqual([
      ['VOLUME_ABOVE_BASELINE', 'cabinet-zzp88888', 22],
      ['VOLUME_ABOVE_BASELINE', 'og-cnss', 20],
    ]);
    expect(await detectAnomalies(db, SCENARIO_WINDOW, SCENARIO_SETTINGS, { organism: 'CNOPS' })).toEqual([]);
  });

  it('refuses an empty window', async () => {
    await expect(detectAnomalies(db, { start: SCENARIO_WINDOW.end, end: SCENARIO_WINDOW.start }, SCENARIO_SETTINGS)).rejects.toThrow(
      /window/,
    );
  });
});
