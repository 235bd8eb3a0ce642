import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anomalyScenario,
  appendAuditEvents,
  auditEventOf,
  SCENARIO_ANOMALIES,
  SCENARIO_SETTINGS,
  SCENARIO_WINDOW,
} from '../../../test/support/audit-scenarios';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../test/support/test-database';
import { detectAnomalies } from '../anomalies';
import { openAuditDatabase, type AuditDatabase } from '../database';
import { recordBreakGlassReview, reviewsOf } from '../review';
import { migrateAuditStore } from '../schema';
import { decodeCursor, findAuditEvent, searchAuditEvents } from '../search';

/**
 * The officers' queries of the audit subgraph on each store: the same
 * anomaly scenario, searches and reviews on SQLite and on PostgreSQL (arrays
 * and the GIN index, partitions, uuid and timestamptz columns).
 */
describe.each(ENGINES)('audit queries on %s', (engine) => {
  let database: TestDatabase;
  let db: AuditDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'audit_queries');
    db = openAuditDatabase({ url: database.config.url, sqlitePath: database.config.sqlitePath });
    await migrateAuditStore(db);
    await appendAuditEvents(db, anomalyScenario());
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('detects the anomalies of the scenario in SQL', async () => {
    expect(await detectAnomalies(db, SCENARIO_WINDOW, SCENARIO_SETTINGS)).toEqual(SCENARIO_ANOMALIES);
  });

  it('searches by person, client and time, and pages by cursor', async () => {
    const criteria = {
      subjects: ['probe', 'absent'],
      clientId: 'clinique-zzp00010',
      from: '2026-05-04T12:00:00.000Z',
      to: '2026-05-04T12:05:00.000Z',
    };
    const first = await searchAuditEvents(db, criteria, { first: 4 });
    expect(first.events.map((e) => e.occurredAt)).toEqual([
      '2026-05-04T12:04:30.000Z',
      '2026-05-04T12:04:00.000Z',
      '2026-05-04T12:03:30.000Z',
      '2026-05-04T12:03:00.000Z',
    ]);
    expect(first.hasNextPage).toBe(true);
    const rest = await searchAuditEvents(db, criteria, { first: 50, after: decodeCursor(first.endCursor ?? '') });
    expect(rest.events).toHaveLength(6);
    expect(rest.hasNextPage).toBe(false);
    expect(
      await searchAuditEvents(
        db,
        {
          purpose: 'eligibility:check',
          decision: 'REFUSED',
          excludeClientIds: ['clinique-zzp00010', 'hopital-zzp00004', 'cabinet-zzp88888'],
        },
        { first: 50 },
      ),
    ).toMatchObject({ events: [expect.objectContaining({ clientId: 'test-no-scope' })] });
  });

  it("finds a person by the pseudonym of their ref, and keeps to an OG's members and staff", async () => {
    await appendAuditEvents(db, [
      auditEventOf({
        occurredAt: '2026-05-06T08:00:00.000Z',
        clientId: 'hopital-zzp00004',
        org: 'ZZP00004',
        subjectRefs: ['ref-a'],
        organisms: ['CNSS'],
      }),
      auditEventOf({
        occurredAt: '2026-05-06T08:01:00.000Z',
        clientId: 'hopital-zzp00004',
        org: 'ZZP00004',
        subjectRefs: ['ref-b'],
        organisms: ['CNOPS'],
      }),
      auditEventOf({
        occurredAt: '2026-05-06T08:02:00.000Z',
        clientId: 'og-cnss',
        org: 'CNSS',
        subjectRefs: ['ref-b'],
        organisms: ['CNOPS'],
      }),
    ]);
    const day = { from: '2026-05-06T00:00:00.000Z', to: '2026-05-07T00:00:00.000Z' };
    const byRef = await searchAuditEvents(db, { ...day, subjectRefs: ['ref-b', 'absent'] }, { first: 10 });
    expect(byRef.events.map((e) => [e.clientId, e.subjectRefs])).toEqual([
      ['og-cnss', ['ref-b']],
      ['hopital-zzp00004', ['ref-b']],
    ]);
    const cnss = await searchAuditEvents(db, { ...day, scope: { organism: 'CNSS' } }, { first: 10 });
    // Its member read by a hospital, and its own staff's action on another OG's member.
    expect(cnss.events.map((e) => [e.clientId, e.organisms])).toEqual([
      ['og-cnss', ['CNOPS']],
      ['hopital-zzp00004', ['CNSS']],
    ]);
    const cnops = await searchAuditEvents(db, { ...day, scope: { organism: 'CNOPS' } }, { first: 10 });
    expect(cnops.events.map((e) => e.occurredAt)).toEqual(['2026-05-06T08:02:00.000Z', '2026-05-06T08:01:00.000Z']);
    expect((await searchAuditEvents(db, { ...day, scope: { organism: 'AMO-X' } }, { first: 10 })).events).toEqual([]);
    // By person, an OG's officer finds its members' events only: its staff's refused write about another OG's member
    // (ref-b) would confirm who the ref is, and whose member.
    const cnssByRef = await searchAuditEvents(db, { ...day, subjectRefs: ['ref-b'], scope: { organism: 'CNSS' } }, { first: 10 });
    expect(cnssByRef.events).toEqual([]);
    const cnopsByRef = await searchAuditEvents(db, { ...day, subjectRefs: ['ref-b'], scope: { organism: 'CNOPS' } }, { first: 10 });
    expect(cnopsByRef.events.map((e) => e.clientId)).toEqual(['og-cnss', 'hopital-zzp00004']);
  });

  it("pages a person's events across the time windows of a search, newest first, none skipped nor repeated", async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await appendAuditEvents(
      db,
      [200, 30, 1, 95, 3].map((days) => auditEventOf({ occurredAt: daysAgo(days), subjects: ['spanning'] })),
    );
    const pages: string[][] = [];
    let after: ReturnType<typeof decodeCursor> = null;
    for (let page = 0; page < 5; page += 1) {
      const found = await searchAuditEvents(db, { subjects: ['spanning'] }, { first: 2, after });
      pages.push(found.events.map((e) => e.occurredAt));
      if (!found.hasNextPage) break;
      after = decodeCursor(found.endCursor ?? '');
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const seen = pages.flat().map((t) => Math.round((Date.now() - Date.parse(t)) / 86_400_000));
    expect(seen).toEqual([1, 3, 30, 95, 200]);
    const bounded = await searchAuditEvents(db, { subjects: ['spanning'], from: daysAgo(100), to: daysAgo(2) }, { first: 10 });
    expect(bounded.events.map((e) => Math.round((Date.now() - Date.parse(e.occurredAt)) / 86_400_000))).toEqual([3, 30, 95]);
  });

  it('reviews a break-glass access once, and takes it off the queue', async () => {
    const [breakGlass] = await appendAuditEvents(db, [
      auditEventOf({
        occurredAt: '2026-05-04T09:00:00.000Z',
        decision: 'BREAK_GLASS',
        clientId: 'hopital-zzp00004',
        org: 'ZZP00004',
        subjects: ['p11'],
      }),
    ]);
    const queue = async () =>
      (await searchAuditEvents(db, { awaitingReview: true }, { first: 50, order: 'oldest' })).events.map((e) => e.eventId);
    expect(await queue()).toEqual([breakGlass!.eventId]);
    expect((await findAuditEvent(db, breakGlass!.eventId))?.decision).toBe('BREAK_GLASS');
    const review = {
      eventId: breakGlass!.eventId,
      verdict: 'JUSTIFIED' as const,
      comment: 'patient inconscient',
      reviewer: 'kc-officer',
      reviewerOrg: 'ANAM',
    };
    expect((await recordBreakGlassReview(db, review)).recorded).toMatchObject({ verdict: 'JUSTIFIED' });
    expect(await recordBreakGlassReview(db, review)).toEqual({ refused: 'ALREADY_REVIEWED' });
    expect(await recordBreakGlassReview(db, { ...review, eventId: randomUUID() })).toEqual({ refused: 'UNKNOWN_EVENT' });
    expect((await reviewsOf(db, [breakGlass!.eventId])).get(breakGlass!.eventId)).toMatchObject({
      comment: 'patient inconscient',
      reviewerOrg: 'ANAM',
      reviewedAt: expect.stringMatching(/Z$/),
    });
    expect(await queue()).toEqual([]);
  });
});
