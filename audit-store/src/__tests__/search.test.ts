import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEvents, auditEventOf } from '../../../test/support/audit-scenarios';
import { openAuditDatabase, type AuditDatabase } from '../database';
import { PseudonymKeyring } from '../pseudonym-keyring';
import { recordBreakGlassReview, reviewsOf } from '../review';
import { migrateAuditStore } from '../schema';
import { decodeCursor, encodeCursor, findAuditEvent, MAX_PAGE_SIZE, searchAuditEvents, type AuditEventCriteria } from '../search';

const minute = (n: number) => new Date(Date.parse('2026-05-04T08:00:00.000Z') + n * 60_000).toISOString();
const V1 = 'v1:first-pseudonymisation-secret-of-32-characters';
const V2 = 'v2:second-pseudonymisation-secret-of-32-characters';

describe('audit cursors', () => {
  it('round-trips the place of an event', () => {
    const cursor = encodeCursor({ occurredAt: '2026-05-04T08:00:00.000Z', seq: 42 });
    expect(decodeCursor(cursor)).toEqual({ occurredAt: '2026-05-04T08:00:00.000Z', seq: 42 });
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['an empty string', ''],
    ['a bad time', Buffer.from('yesterday|4').toString('base64url')],
    ['a negative storage order', Buffer.from('2026-05-04T08:00:00.000Z|-4').toString('base64url')],
    ['an extra part', Buffer.from('2026-05-04T08:00:00.000Z|4|x').toString('base64url')],
    ['a time in another form', Buffer.from('2026-05-04T09:00:00+01:00|4').toString('base64url')],
    ['a truncated cursor', encodeCursor({ occurredAt: '2026-05-04T08:00:00.000Z', seq: 42 }).slice(0, -2)],
  ])('refuses %s', (_what, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});

describe('searching the trail (SQLite)', () => {
  let db: AuditDatabase;
  const keys = PseudonymKeyring.parse(`${V2},${V1}`);
  const before = PseudonymKeyring.parse(V1);

  beforeEach(async () => {
    db = openAuditDatabase({ sqlitePath: ':memory:' });
    await migrateAuditStore(db);
    await appendAuditEvents(db, [
      // Written before the rotation (key v1), then after it (key v2).
      auditEventOf({ occurredAt: minute(0), requestId: 'r0', subjects: [before.pseudonymise('ZZ000001')], pseudonymKey: 'v1' }),
      auditEventOf({
        occurredAt: minute(1),
        requestId: 'r1',
        subjects: [keys.pseudonymise('ZZ000001'), keys.pseudonymise('ZZ000009')],
        pseudonymKey: 'v2',
      }),
      auditEventOf({ occurredAt: minute(2), requestId: 'r2', subjects: [keys.pseudonymise('ZZ000003')], pseudonymKey: 'v2' }),
      auditEventOf({
        occurredAt: minute(3),
        requestId: 'r3',
        clientId: 'patient-portal',
        org: 'PATIENT_PORTAL',
        purposes: ['audit:read'],
        subjects: [keys.pseudonymise('ZZ000001')],
      }),
      auditEventOf({
        occurredAt: minute(4),
        requestId: 'r4',
        clientId: 'hopital-zzp00004',
        org: 'ZZP00004',
        purposes: ['records:break-glass'],
        decision: 'BREAK_GLASS',
        subjects: [keys.pseudonymise('ZZ000001')],
      }),
      auditEventOf({
        occurredAt: minute(5),
        requestId: 'r5',
        clientId: 'hopital-zzp00004',
        org: 'ZZP00004',
        purposes: ['records:break-glass'],
        decision: 'BREAK_GLASS',
        subjects: [keys.pseudonymise('ZZ000011')],
      }),
      auditEventOf({
        occurredAt: minute(6),
        requestId: 'r6',
        clientId: 'test-no-scope',
        decision: 'REFUSED',
        outcome: 'FORBIDDEN',
        subjects: [keys.pseudonymise('ZZ000001')],
      }),
      // Same time as r6: the storage order breaks the tie.
      auditEventOf({ occurredAt: minute(6), requestId: 'r7', operationName: 'Other', subjects: [keys.pseudonymise('ZZ000003')] }),
    ]);
  });
  afterEach(() => db.close());

  const requests = async (criteria: AuditEventCriteria, order?: 'newest' | 'oldest') =>
    (await searchAuditEvents(db, criteria, { first: 50, order })).events.map((e) => e.requestId);

  it('finds a person under every key version, so events from before a rotation are found', async () => {
    expect(await requests({ subjects: keys.pseudonymsOf('zz000001 ') })).toEqual(['r6', 'r4', 'r3', 'r1', 'r0']);
    expect(await requests({ subjects: [keys.pseudonymise('ZZ000001')] })).toEqual(['r6', 'r4', 'r3', 'r1']);
    expect(await requests({ subjects: [] })).toEqual([]);
  });

  it('combines the criteria', async () => {
    expect(await requests({ clientId: 'hopital-zzp00004', decision: 'BREAK_GLASS' })).toEqual(['r5', 'r4']);
    expect(await requests({ org: 'PATIENT_PORTAL' })).toEqual(['r3']);
    expect(await requests({ purpose: 'records:break-glass', subjects: keys.pseudonymsOf('ZZ000011') })).toEqual(['r5']);
    expect(await requests({ operationName: 'Other' })).toEqual(['r7']);
    expect(await requests({ from: minute(2), to: minute(4) })).toEqual(['r3', 'r2']);
    expect(await requests({ subjects: keys.pseudonymsOf('ZZ000001'), excludeClientIds: ['patient-portal', 'test-no-scope'] })).toEqual([
      'r4',
      'r1',
      'r0',
    ]);
  });

  it('pages newest first without skipping or repeating, ties broken by storage order', async () => {
    const seen: string[] = [];
    let after = null;
    for (let page = 0; page < 10; page += 1) {
      const result = await searchAuditEvents(db, {}, { first: 3, after });
      seen.push(...result.events.map((e) => e.requestId));
      if (!result.hasNextPage) break;
      after = decodeCursor(result.endCursor ?? '');
    }
    expect(seen).toEqual(['r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1', 'r0']);
  });

  it('lists the break-glass accesses awaiting review, oldest first, and drops a reviewed one', async () => {
    const queue = await searchAuditEvents(db, { awaitingReview: true }, { first: 1, order: 'oldest' });
    expect(queue.events.map((e) => e.requestId)).toEqual(['r4']);
    expect(queue.hasNextPage).toBe(true);
    const next = await searchAuditEvents(
      db,
      { awaitingReview: true },
      { first: 1, order: 'oldest', after: decodeCursor(queue.endCursor ?? '') },
    );
    expect(next.events.map((e) => e.requestId)).toEqual(['r5']);
    expect(next.hasNextPage).toBe(false);

    const [r4] = queue.events;
    const outcome = await recordBreakGlassReview(db, {
      eventId: r4!.eventId,
      verdict: 'JUSTIFIED',
      comment: 'urgence vitale confirmée',
      reviewer: 'kc-officer',
      reviewerOrg: 'ANAM',
    });
    expect(outcome.recorded).toMatchObject({
      eventId: r4!.eventId,
      verdict: 'JUSTIFIED',
      reviewer: 'kc-officer',
      reviewerOrg: 'ANAM',
      reviewedAt: expect.stringMatching(/Z$/),
    });
    expect(await requests({ awaitingReview: true }, 'oldest')).toEqual(['r5']);
  });

  it('bounds a page', async () => {
    const all = await searchAuditEvents(db, {}, { first: MAX_PAGE_SIZE + 50 });
    expect(all.events).toHaveLength(8);
    expect((await searchAuditEvents(db, {}, { first: 0 })).events).toEqual([]);
  });

  it('finds one event by id', async () => {
    const [latest] = (await searchAuditEvents(db, {}, { first: 1 })).events;
    expect((await findAuditEvent(db, latest!.eventId))?.requestId).toBe('r7');
    expect(await findAuditEvent(db, randomUUID())).toBeNull();
  });
});

describe('break-glass reviews (SQLite)', () => {
  let db: AuditDatabase;
  let events: { allowed: string; breakGlass: string };

  beforeEach(async () => {
    db = openAuditDatabase({ sqlitePath: ':memory:' });
    await migrateAuditStore(db);
    const [allowed, breakGlass] = await appendAuditEvents(db, [
      auditEventOf({ occurredAt: minute(0) }),
      auditEventOf({ occurredAt: minute(1), decision: 'BREAK_GLASS', clientId: 'hopital-zzp00004', org: 'ZZP00004' }),
    ]);
    events = { allowed: allowed!.eventId, breakGlass: breakGlass!.eventId };
  });
  afterEach(() => db.close());

  const review = (eventId: string, verdict: 'JUSTIFIED' | 'UNJUSTIFIED' = 'UNJUSTIFIED') =>
    recordBreakGlassReview(db, { eventId, verdict, comment: null, reviewer: 'kc-officer', reviewerOrg: 'ANAM' });

  it('refuses an unknown event and an event that did not break the glass', async () => {
    expect(await review(randomUUID())).toEqual({ refused: 'UNKNOWN_EVENT' });
    expect(await review(events.allowed)).toEqual({ refused: 'NOT_BREAK_GLASS' });
  });

  it('records one review per event and refuses a second one, whatever its verdict', async () => {
    expect((await review(events.breakGlass)).recorded?.verdict).toBe('UNJUSTIFIED');
    expect(await review(events.breakGlass, 'JUSTIFIED')).toEqual({ refused: 'ALREADY_REVIEWED' });
    const reviews = await reviewsOf(db, [events.breakGlass, events.allowed]);
    expect([...reviews.keys()]).toEqual([events.breakGlass]);
    expect(reviews.get(events.breakGlass)).toMatchObject({ verdict: 'UNJUSTIFIED', comment: null, reviewer: 'kc-officer' });
  });

  it('refuses the second of two concurrent reviews (the key of the table)', async () => {
    const outcomes = await Promise.all([review(events.breakGlass), review(events.breakGlass, 'JUSTIFIED')]);
    expect(outcomes.filter((o) => o.recorded)).toHaveLength(1);
    expect(outcomes.filter((o) => o.refused === 'ALREADY_REVIEWED')).toHaveLength(1);
  });
});
