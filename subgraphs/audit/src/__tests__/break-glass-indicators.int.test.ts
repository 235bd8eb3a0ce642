import { localDaysWindow, migrateAuditStore, openAuditDatabase, recordBreakGlassReview, type AuditDatabase } from '@cmb/audit-store';
import type { Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents, auditEventOf } from '../../../../test/support/audit-scenarios';
import { executeAs } from '../../../../test/support/execute-as';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { buildAuditApp, type AuditApp } from '../app';
import { loadConfig } from '../config';

const INDICATORS = /* GraphQL */ `
  query ($from: Date!, $to: Date!) {
    breakGlassIndicators(from: $from, to: $to) {
      id
      title
      threshold
      dimensions
      rows {
        values
        count
        suppressed
      }
      total
    }
  }
`;

const STATISTICS = { purposes: ['statistics:read'], userId: null };
const ANAM: Partial<Caller> = { ...STATISTICS, clientId: 'officer-console', org: 'ANAM', orgKind: 'REGULATOR', language: 'en' };
const CNDP: Partial<Caller> = { ...STATISTICS, clientId: 'cndp-inspector', org: 'CNDP', orgKind: 'DPA' };
const MINISTRY: Partial<Caller> = { ...STATISTICS, clientId: 'ministere-sante', org: 'MSPS', orgKind: 'MINISTRY' };

/** Break-glass accesses of September and October 2026 (mid-month, so any offset keeps them in their month), reviewed or not. */
const MONTHS = [
  { day: '2026-09-15', JUSTIFIED: 12, PENDING: 15, UNJUSTIFIED: 3 },
  { day: '2026-10-15', JUSTIFIED: 20, PENDING: 25, UNJUSTIFIED: 14 },
];

describe.each(ENGINES)('break-glass indicators of the audit subgraph on %s', (engine) => {
  let database: TestDatabase;
  let owner: AuditDatabase;
  let app: AuditApp;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'audit_indicators');
    owner = openAuditDatabase({ url: database.config.url, sqlitePath: database.config.sqlitePath });
    await migrateAuditStore(owner).catch(() => migrateAuditStore(owner));
    for (const month of MONTHS) {
      for (const verdict of ['JUSTIFIED', 'PENDING', 'UNJUSTIFIED'] as const) {
        const events = Array.from({ length: month[verdict] }, (_, index) =>
          auditEventOf({
            occurredAt: new Date(Date.parse(`${month.day}T10:00:00.000Z`) + index * 60_000).toISOString(),
            clientId: 'hopital-zzp00004',
            org: 'ZZP00004',
            purposes: ['records:break-glass'],
            decision: 'BREAK_GLASS',
          }),
        );
        await appendAuditEvents(owner, events);
        if (verdict === 'PENDING') continue;
        for (const event of events)
          await recordBreakGlassReview(owner, {
            eventId: event.eventId,
            verdict,
            comment: null,
            reviewer: 'kc-officer-anam',
            reviewerOrg: 'ANAM',
          });
      }
    }
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      AUDIT_PSEUDONYM_KEYS: 'v1:first-pseudonymisation-secret-of-32-characters',
    };
    if (engine === 'postgres') env.AUDIT_DATABASE_URL = database.config.url as string;
    else env.AUDIT_SQLITE_PATH = database.config.sqlitePath as string;
    app = await buildAuditApp(loadConfig(env), owner);
  });

  afterAll(async () => {
    await app?.dataSource.destroy();
    await database?.drop();
  });

  async function indicators(caller: Partial<Caller>, from = '2026-09-01', to = '2026-10-31') {
    const result = await executeAs(app, INDICATORS, { from, to }, caller);
    return JSON.parse(JSON.stringify(result)) as {
      data?: {
        breakGlassIndicators: { rows: { values: string[]; count: number | null; suppressed: string | null }[] } & Record<string, unknown>;
      } | null;
      errors?: { extensions?: Record<string, unknown> }[];
    };
  }

  it('counts by month and verdict, the small cell and those that would give it away suppressed', async () => {
    const answer = await indicators(ANAM);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.breakGlassIndicators).toEqual({
      id: 'BREAK_GLASS_ACCESSES',
      title: 'Break-glass accesses by month and review verdict',
      threshold: 10,
      dimensions: ['month', 'verdict'],
      rows: [
        { values: ['2026-09', 'JUSTIFIED'], count: null, suppressed: 'COMPLEMENTARY' },
        { values: ['2026-09', 'PENDING'], count: 15, suppressed: null },
        { values: ['2026-09', 'UNJUSTIFIED'], count: null, suppressed: 'SMALL_CELL' },
        { values: ['2026-10', 'JUSTIFIED'], count: null, suppressed: 'COMPLEMENTARY' },
        { values: ['2026-10', 'PENDING'], count: 25, suppressed: null },
        { values: ['2026-10', 'UNJUSTIFIED'], count: null, suppressed: 'COMPLEMENTARY' },
      ],
      total: 89,
    });
  });

  it('counts whole months, so that two windows differing by a day inside a month cannot give that day away', async () => {
    // Without it, 1 September to 15 October minus 1 September to 14 October would be the accesses of 15 October, however few.
    const whole = (await indicators(ANAM)).data?.breakGlassIndicators;
    for (const [from, to] of [
      ['2026-09-16', '2026-10-14'],
      ['2026-09-01', '2026-10-15'],
      ['2026-09-15', '2026-10-16'],
    ] as const)
      expect((await indicators(ANAM, from, to)).data?.breakGlassIndicators).toEqual(whole);
  });

  it.each([
    ['the CNDP', CNDP],
    ['the ministry', MINISTRY],
  ])('is read by %s', async (_who, caller) => {
    expect((await indicators(caller)).data?.breakGlassIndicators.rows).toHaveLength(6);
  });

  it.each([
    ['an OG holding the purpose', { ...STATISTICS, clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG' }],
    ['a hospital holding the purpose', { ...STATISTICS, clientId: 'hopital-zzp00004', org: 'ZZP00004', orgKind: 'ESTABLISHMENT' }],
    ['a patient portal caller', { ...STATISTICS, clientId: 'patient-portal', org: 'ANAM', orgKind: 'REGULATOR', nationalId: 'ZZ000001' }],
  ])('is refused to %s', async (_who, caller) => {
    const answer = await indicators(caller);
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'STATISTICS_READERS_ONLY' });
  });

  it('is refused to ANAM under another purpose, by the scope enforcement', async () => {
    const answer = await indicators({ ...ANAM, purposes: ['audit:read'] });
    expect(answer.data?.breakGlassIndicators).toBeUndefined();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it.each([
    ['a window over 366 days', '2025-09-01', '2026-10-31'],
    ['an end before the start', '2026-10-31', '2026-09-01'],
  ])('refuses %s', async (_why, from, to) => {
    const answer = await indicators(ANAM, from, to);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATISTICS_WINDOW_INVALID' });
  });

  it('keeps to the local days of the window', () => {
    expect(localDaysWindow('2026-09-01', '2026-09-30', 'Africa/Casablanca').end.getTime()).toBeGreaterThan(
      Date.parse('2026-09-30T12:00:00Z'),
    );
  });
});
