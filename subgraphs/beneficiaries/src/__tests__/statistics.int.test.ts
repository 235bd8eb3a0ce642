import { seedDatabase, suppressSmallCells, todayIn, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../app';
import { loadConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { beneficiariesSeed } from '../seed/seed';
import { addIndicatorCounts } from '../services/indicator-counter';

const TABLE = 'id title threshold dimensions rows { values count suppressed } total';
const COVERAGE = `query ($asOf: Date) { coverageIndicators(asOf: $asOf) { ${TABLE} } }`;
const CHECKS = `query ($from: Date!, $to: Date!) { eligibilityCheckIndicators(from: $from, to: $to) { ${TABLE} } }`;
const ELIGIBILITY = `query ($input: EligibilityInput!) { eligibility(input: $input) { id } }`;
const DECIDE = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on EligibilityDecision { outcome } } }`;
const UPSERT = `mutation ($batch: AffiliationBatchInput!) { upsertAffiliations(batch: $batch) { rejected rows { code } } }`;

const ANAM: Partial<Caller> = { clientId: 'officer-console', org: 'ANAM', orgKind: 'REGULATOR', purposes: ['statistics:read'] };
const CNSS_WRITER: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['beneficiary:write'] };
const DOCTOR: Partial<Caller> = { clientId: 'cabinet-zzp00001', org: 'ZZP00001', orgKind: 'PROFESSIONAL', purposes: ['eligibility:check'] };
const AS_OF = '2026-03-02';

interface Table {
  id: string;
  title: string;
  threshold: number;
  dimensions: string[];
  rows: { values: string[]; count: number | null; suppressed: string | null }[];
  total: number | null;
}

describe.each(ENGINES)('the registry indicators on %s', (engine) => {
  let database: TestDatabase;
  let app: BeneficiariesApp;

  async function execute<T>(query: string, variables: Record<string, unknown>, caller: Partial<Caller> = ANAM) {
    return executeAs<{ data?: T | null; errors?: { extensions?: Record<string, unknown> }[] }>(app, query, variables, caller);
  }

  /** One eligibility check, both hops, as the gateway runs them. */
  async function check(nationalId: string): Promise<void> {
    const identified = await execute<{ eligibility: { id: string } }>(
      ELIGIBILITY,
      {
        input: { nationalId, providerInpe: 'ZZP00001', careType: 'CONSULTATION' },
      },
      DOCTOR,
    );
    expect(identified.errors).toBeUndefined();
    await execute(
      DECIDE,
      {
        representations: [
          {
            __typename: 'EligibilityDecision',
            id: identified.data?.eligibility.id,
            providerFacts: { registered: true, active: true },
            pathwayFacts: { pcsApplies: false, compliant: true, penalty: 'REFUSE', aldExemptions: [] },
          },
        ],
      },
      DOCTOR,
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'beneficiaries_statistics');
    const dataSource = beneficiariesDataSource(database.config);
    await seedDatabase(dataSource, beneficiariesSeed, { persons: 3000, seed: 7 });
    app = await buildBeneficiariesApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
  });

  afterAll(async () => {
    await app?.drain();
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('counts the insured persons with open rights by organism, regime and region, and suppresses the small cells', async () => {
    const answer = await execute<{ coverageIndicators: Table[] }>(COVERAGE, { asOf: AS_OF });
    expect(answer.errors).toBeUndefined();
    const [insured, dependants, caught] = answer.data?.coverageIndicators ?? [];
    expect(insured).toMatchObject({ id: 'INSURED_BY_ORGANISM_REGIME_REGION', threshold: 10, dimensions: ['organism', 'regime', 'region'] });
    expect(dependants).toMatchObject({ id: 'DEPENDANTS_BY_ORGANISM', dimensions: ['organism', 'role'] });
    expect(caught).toMatchObject({ id: 'DOUBLE_REGISTRATIONS_CAUGHT', dimensions: ['month'], rows: [] });
    // The same counts computed here from the rows, then suppressed by the kit: the SQL agrees on this engine.
    const rows = (await app.dataSource.query(
      'SELECT a.organism, a.regime, a.role, a.status, a.valid_from, a.valid_until, p.region FROM affiliation a JOIN person p ON p.ref = a.person_ref',
    )) as Record<string, unknown>[];
    const day = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);
    const counts = new Map<string, number>();
    for (const row of rows) {
      const open = row.status === 'ACTIVE' && day(row.valid_from) <= AS_OF && (row.valid_until === null || day(row.valid_until) >= AS_OF);
      if (!open || row.role !== 'INSURED') continue;
      const key = [row.organism, row.regime, row.region ?? 'UNKNOWN'].join('|');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const expected = suppressSmallCells(
      [...counts]
        .map(([key, count]) => ({ values: key.split('|'), count }))
        .sort((a, b) => a.values.join('\u0000').localeCompare(b.values.join('\u0000'))),
      3,
      10,
    );
    expect(insured?.rows).toEqual(expected.rows);
    expect(insured?.total).toBe(expected.total);
    // Some cells are small (Dakhla-Oued Ed-Dahab holds a few persons), none published under the threshold.
    expect(insured?.rows.some((row) => row.suppressed === 'SMALL_CELL')).toBe(true);
    expect(insured?.rows.some((row) => row.suppressed === 'COMPLEMENTARY')).toBe(true);
    for (const table of [insured, dependants])
      for (const row of table?.rows ?? []) if (row.count !== null) expect(row.count).toBeGreaterThanOrEqual(10);
  });

  it('counts eligibility decisions by day, outcome and regime in memory, then writes them by upsert', async () => {
    const today = todayIn('Africa/Casablanca');
    for (let i = 0; i < 12; i += 1) await check('ZZ000001');
    for (let i = 0; i < 3; i += 1) await check('ZZ000002');
    const expected = [
      { indicator: 'ELIGIBILITY_CHECKS', day: today, firstValue: 'ELIGIBLE', secondValue: 'AMO_SALARIES_PRIVE', occurrences: 12 },
      { indicator: 'ELIGIBILITY_CHECKS', day: today, firstValue: 'NOT_FOUND', secondValue: 'NONE', occurrences: 3 },
    ];
    expect(await app.indicatorCounts.counts('ELIGIBILITY_CHECKS', today, today)).toEqual(expect.arrayContaining(expected));
    await app.indicatorCounts.flush();
    await check('ZZ000001');
    await app.indicatorCounts.flush();
    const written = (await app.dataSource.query(
      "SELECT first_value, occurrences FROM indicator_count WHERE indicator = 'ELIGIBILITY_CHECKS' ORDER BY first_value",
    )) as {
      first_value: string;
      occurrences: number;
    }[];
    expect(written.map((row) => [row.first_value, Number(row.occurrences)])).toEqual([
      ['ELIGIBLE', 13],
      ['NOT_FOUND', 3],
    ]);
    // No person, no asker: the table holds a day, an outcome, a regime and a count.
    expect(Object.keys((await app.dataSource.query('SELECT * FROM indicator_count'))[0]).sort()).toEqual([
      'day',
      'first_value',
      'indicator',
      'occurrences',
      'second_value',
    ]);
    const answer = await execute<{ eligibilityCheckIndicators: Table }>(CHECKS, { from: today, to: today });
    expect(answer.data?.eligibilityCheckIndicators).toMatchObject({
      id: 'ELIGIBILITY_CHECKS',
      dimensions: ['day', 'outcome', 'regime'],
      rows: [
        { values: [today, 'ELIGIBLE', 'AMO_SALARIES_PRIVE'], count: null, suppressed: 'COMPLEMENTARY' },
        { values: [today, 'NOT_FOUND', 'NONE'], count: null, suppressed: 'SMALL_CELL' },
      ],
      // Both suppressed: the day's total (16) says nothing of either.
      total: 16,
    });
  });

  it('counts the double registrations an affiliation batch was refused, once whatever the retries', async () => {
    const duplicate = (nationalId: string) => ({
      nationalId,
      firstName: 'Synthetique',
      lastName: 'Lot',
      birthDate: '1981-03-09',
      sex: 'F',
      regime: 'AMO_SALARIES_PRIVE',
      role: 'INSURED',
      memberNumber: `CN-${nationalId}`,
      validFrom: '2026-01-01',
      status: 'ACTIVE',
    });
    const batch = { idempotencyKey: `cnss-duplicates-${engine}`, organism: 'CNSS', rows: [duplicate('ZZ000018'), duplicate('ZZ000013')] };
    const first = await execute<{ upsertAffiliations: { rejected: number; rows: { code: string }[] } }>(UPSERT, { batch }, CNSS_WRITER);
    expect(first.data?.upsertAffiliations.rows.map((row) => row.code)).toEqual(['DUPLICATE_REGISTRATION', 'DUPLICATE_REGISTRATION']);
    await execute(UPSERT, { batch }, CNSS_WRITER);
    const today = todayIn('Africa/Casablanca');
    expect(await app.indicatorCounts.counts('DOUBLE_REGISTRATIONS_CAUGHT', today, today)).toEqual([
      { indicator: 'DOUBLE_REGISTRATIONS_CAUGHT', day: today, firstValue: '', secondValue: '', occurrences: 2 },
    ]);
    const answer = await execute<{ coverageIndicators: Table[] }>(COVERAGE, { asOf: today });
    expect(answer.data?.coverageIndicators[2]?.rows).toEqual([{ values: [today.slice(0, 7)], count: null, suppressed: 'SMALL_CELL' }]);
  });

  it('counts the double registrations of whole months, so that two days of one month cannot give the days between away', async () => {
    // 30 caught on 10 June 2025, 3 on 20 June: asOf 15 June and asOf 30 June would otherwise differ by those 3.
    await addIndicatorCounts(app.dataSource.manager, engine === 'postgres', [
      { indicator: 'DOUBLE_REGISTRATIONS_CAUGHT', day: '2025-06-10', firstValue: '', secondValue: '', occurrences: 30 },
      { indicator: 'DOUBLE_REGISTRATIONS_CAUGHT', day: '2025-06-20', firstValue: '', secondValue: '', occurrences: 3 },
    ]);
    for (const asOf of ['2025-06-01', '2025-06-15', '2025-06-30']) {
      const answer = await execute<{ coverageIndicators: Table[] }>(COVERAGE, { asOf });
      expect(answer.data?.coverageIndicators[2]).toMatchObject({ rows: [{ values: ['2025-06'], count: 33, suppressed: null }], total: 33 });
    }
  });

  it.each([
    ['an OG holding the purpose', { ...ANAM, clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG' }],
    ['a hospital holding the purpose', { ...ANAM, clientId: 'hopital-zzp00004', org: 'ZZP00004', orgKind: 'ESTABLISHMENT' }],
  ])('refuses %s', async (_who, caller) => {
    for (const [query, variables] of [
      [COVERAGE, {}],
      [CHECKS, { from: AS_OF, to: AS_OF }],
    ] as const) {
      const answer = await execute(query, variables, caller);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'STATISTICS_READERS_ONLY' });
    }
  });

  it('scans the affiliations once per day asked at a time: aliases of one day share it, another day in the request is refused', async () => {
    // Each coverage is a full scan of the open affiliations (seconds at national scale): 30 aliases must not make it 30.
    const scans = vi.spyOn(app.dataSource, 'query');
    const scanCount = () => scans.mock.calls.filter(([sql]) => String(sql).includes('FROM affiliation a JOIN person p')).length;
    try {
      const same = await execute<Record<string, Table[]>>(
        `query { a: coverageIndicators(asOf: "${AS_OF}") { id } b: coverageIndicators(asOf: "${AS_OF}") { id } }`,
        {},
      );
      expect(same.errors).toBeUndefined();
      expect(same.data?.b).toEqual(same.data?.a);
      expect(scanCount()).toBe(2);
      const other = await execute(
        `query { a: coverageIndicators(asOf: "${AS_OF}") { id } b: coverageIndicators(asOf: "2026-03-03") { id } }`,
        {},
      );
      expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATISTICS_ONE_DAY_PER_REQUEST' });
      // The refusal answers at once; the first day's scans end on their own: two of them, never four.
      await vi.waitFor(() => expect(scanCount()).toBe(4));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(scanCount()).toBe(4);
      // Readers asking the same day at the same time share one count.
      await Promise.all([execute(COVERAGE, { asOf: AS_OF }), execute(COVERAGE, { asOf: AS_OF }), execute(COVERAGE, { asOf: AS_OF })]);
      expect(scanCount()).toBe(6);
    } finally {
      scans.mockRestore();
    }
  });

  it('refuses a window of checks over 92 days', async () => {
    const answer = await execute(CHECKS, { from: '2026-01-01', to: '2026-04-03' });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATISTICS_WINDOW_INVALID' });
  });
});
