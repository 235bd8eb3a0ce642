// The pure parts of `npm run profile` (load-tests/profile/): where a sampled
// frame's time goes, how pg_stat_statements rows are normalised and put per
// decision, the report's per-layer figures, and the before/after comparison.
import { describe, expect, it } from 'vitest';
import { change, compareProfiles } from '../../load-tests/profile/profile-diff.mjs';
import { buildProfileReport } from '../../load-tests/profile/profile-report.mjs';
import { renderSummary } from '../../load-tests/profile/profile-tables.mjs';
import { isUtilityStatement, normalizeStatement, shortStatement, summarizeStatements } from '../../load-tests/profile/sql-statements.mjs';
import { originOf, summarizeCpuProfile } from '../../load-tests/profile/summarize-profile.mjs';

const ROOT = '/srv/cmb';
const WORKSPACES = [
  { dir: 'gateway', name: '@cmb/gateway' },
  { dir: 'subgraphs/kit', name: '@cmb/kit' },
];
const layout = { root: ROOT, workspaces: WORKSPACES };

describe('originOf', () => {
  it.each([
    ['file:///srv/cmb/node_modules/graphql/execution/execute.js', 'execute', 'graphql'],
    ['file:///srv/cmb/node_modules/@apollo/server/dist/cjs/index.js', 'f', '@apollo/server'],
    ['/srv/cmb/gateway/node_modules/pg/lib/client.js', 'f', 'pg'],
    ['file:///srv/cmb/gateway/dist/app.js', 'f', '@cmb/gateway'],
    ['/srv/cmb/subgraphs/kit/dist/identifiers/dates.js', 'todayIn', '@cmb/kit'],
    ['file:///srv/cmb/load-tests/bench/x.mjs', 'f', 'load-tests/bench/x.mjs'],
    ['node:internal/crypto/sig', 'signOneShot', 'node (runtime)'],
    ['', '(garbage collector)', '(garbage collector)'],
    ['', '(program)', '(program)'],
    ['', 'writev', '(native)'],
    ['/elsewhere/a.js', 'f', '/elsewhere/a.js'],
  ])('%s %s → %s', (url, name, expected) => {
    expect(originOf(url, name, layout)).toBe(expected);
  });
});

/**
 * root → handle (gateway) → writev (native); root → parse (graphql);
 * root → (garbage collector); root → (idle). Samples every 1 ms from 1000 µs.
 */
function fixtureProfile() {
  const frame = (functionName: string, url = '', lineNumber = -1) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '0' });
  return {
    startTime: 1_000,
    endTime: 11_000,
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 4, 5, 6] },
      { id: 2, callFrame: frame('handle', 'file:///srv/cmb/gateway/dist/handler.js', 9), children: [3] },
      { id: 3, callFrame: frame('writev'), children: [] },
      { id: 4, callFrame: frame('parse', 'file:///srv/cmb/node_modules/graphql/language/parser.js', 99), children: [] },
      { id: 5, callFrame: frame('(garbage collector)'), children: [] },
      { id: 6, callFrame: frame('(idle)'), children: [] },
    ],
    // At 2000, 3000, … 11000 µs.
    samples: [2, 3, 4, 4, 4, 5, 6, 6, 6, 6],
    timeDeltas: [1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000],
  };
}

describe('summarizeCpuProfile', () => {
  it('gives self time by function and package, idle left out of the busy time', () => {
    const summary = summarizeCpuProfile(fixtureProfile(), layout);
    expect(summary.samples).toBe(10);
    expect(summary.busyMs).toBe(6);
    expect(summary.idleMs).toBe(4);
    expect(summary.byPackage.map((p: { package: string; selfMs: number }) => [p.package, p.selfMs])).toEqual([
      ['graphql', 3],
      ['@cmb/gateway', 2],
      ['(garbage collector)', 1],
    ]);
    const parse = summary.byFunction[0];
    expect(parse).toMatchObject({ function: 'parse', location: 'node_modules/graphql/language/parser.js:100', selfMs: 3 });
    expect(parse.share).toBeCloseTo(3 / 6);
  });

  it('counts a native frame in the package of its JavaScript caller, and names that caller', () => {
    const writev = summarizeCpuProfile(fixtureProfile(), layout).byFunction.find((f: { function: string }) => f.function === 'writev');
    expect(writev).toMatchObject({ package: '@cmb/gateway', location: 'native, from handle gateway/dist/handler.js:10', selfMs: 1 });
  });

  it('keeps only the samples of the window, the first one cut at its start', () => {
    // Samples at 3000 (writev), 4000 to 6000 (parse); the one at 3000 counts from 2500 only.
    const summary = summarizeCpuProfile(fixtureProfile(), { ...layout, window: { startUs: 2_500, endUs: 6_000 } });
    expect(summary.samples).toBe(4);
    expect(summary.busyMs).toBeCloseTo(3.5);
    expect(summary.byFunction.map((f: { function: string; selfMs: number }) => [f.function, f.selfMs])).toEqual([
      ['parse', 3],
      ['writev', 0.5],
    ]);
  });
});

describe('normalizeStatement', () => {
  it.each([
    ['SELECT x FROM t WHERE id IN ($1, $2, $3) AND y = $4', 'SELECT x FROM t WHERE id IN ($…) AND y = $n'],
    ['SELECT x FROM t WHERE id IN ($1,$2) AND y = $3', 'SELECT x FROM t WHERE id IN ($…) AND y = $n'],
    ['SELECT x\n  FROM t -- why\n WHERE /* hint */ a = $1', 'SELECT x FROM t WHERE a = $n'],
    ['INSERT INTO e(a, b) VALUES ($1, $2::text[]), ($3, $4::text[]), ($5, $6::text[])', 'INSERT INTO e(a, b) VALUES ($n, $n::text[]), …'],
    ['INSERT INTO e(a, b) VALUES ($1, $2::text[])', 'INSERT INTO e(a, b) VALUES ($n, $n::text[])'],
    ["SET LOCAL application_name = 'desk 4'", 'SET LOCAL application_name = $n'],
    ['SET statement_timeout = 5000', 'SET statement_timeout = $n'],
    ['SELECT "t1"."col_2" FROM "t1" LIMIT $1', 'SELECT "t1"."col_2" FROM "t1" LIMIT $n'],
  ])('%s', (sql, expected) => {
    expect(normalizeStatement(sql)).toBe(expected);
  });

  it('tells utility statements apart', () => {
    expect(['BEGIN', 'commit', 'SET x = 1', 'ROLLBACK'].every(isUtilityStatement)).toBe(true);
    expect(['SELECT 1', 'INSERT INTO t VALUES ($1)', 'WITH x AS (SELECT 1) SELECT * FROM x'].some(isUtilityStatement)).toBe(false);
  });

  it('shortens long select lists for the table', () => {
    const long = `SELECT ${Array.from({ length: 10 }, (_, i) => `"p"."column_${i}"`).join(', ')} FROM person p WHERE p.id = $n`;
    expect(shortStatement(long)).toBe('SELECT … FROM person p WHERE p.id = $n');
    expect(shortStatement('x'.repeat(200), 20)).toHaveLength(20);
  });
});

const row = (database: string, query: string, calls: number, totalExecMs: number, totalPlanMs = 0) => ({
  database,
  query,
  calls,
  totalExecMs,
  totalPlanMs,
  rows: calls,
  blocksHit: 3 * calls,
  blocksRead: 0,
});

describe('summarizeStatements', () => {
  const summary = summarizeStatements(
    [
      {
        cluster: 'subgraphs',
        rows: [
          row('providers', 'SELECT p FROM provider WHERE inpe IN ($1)', 100, 10),
          row('providers', 'SELECT c FROM convention WHERE inpe IN ($1, $2)', 60, 12, 3),
          row('providers', 'SELECT c FROM convention WHERE inpe IN ($1, $2, $3)', 40, 8, 2),
          row('beneficiaries', 'BEGIN', 100, 1),
          row('beneficiaries', 'SELECT * FROM person WHERE national_id = $1', 100, 40, 10),
        ],
      },
      { cluster: 'audit store', rows: [row('audit', 'INSERT INTO audit_event(a) VALUES ($1), ($2)', 5, 4)] },
    ],
    { decisions: 100 },
  );

  it('merges one shape whatever the length of its lists, sorted by total time', () => {
    expect(summary.statements.map((s: { database: string; calls: number; totalMs: number }) => [s.database, s.calls, s.totalMs])).toEqual([
      ['beneficiaries', 100, 50],
      ['providers', 100, 25],
      ['providers', 100, 10],
      ['audit', 5, 4],
      ['beneficiaries', 100, 1],
    ]);
    const convention = summary.statements[1];
    expect(convention).toMatchObject({
      statement: 'SELECT c FROM convention WHERE inpe IN ($…)',
      planMs: 5,
      callsPerDecision: 1,
      msPerDecision: 0.25,
    });
    expect(convention.share).toBeCloseTo(25 / 90);
  });

  it('counts statements per decision as the benchmark does (utility apart)', () => {
    expect(summary.statementsPerDecision).toBeCloseTo(3.05);
    expect(summary.utilityPerDecision).toBeCloseTo(1);
    expect(summary.msPerDecision).toBeCloseTo(0.9);
    const beneficiaries = summary.byDatabase.find((d: { database: string }) => d.database === 'beneficiaries');
    expect(beneficiaries).toMatchObject({ cluster: 'subgraphs', statementsPerDecision: 1, utilityPerDecision: 1, msPerDecision: 0.51 });
  });
});

/** A report of 100 decisions with a gateway, one subgraph and PostgreSQL; `scale` multiplies the CPU. */
function report(scale = 1) {
  const profile = {
    samples: 10,
    busyMs: 10,
    idleMs: 5,
    byFunction: [
      { function: 'sign', location: 'subgraphs/kit/dist/auth/signed-context.js:35', package: '@cmb/kit', selfMs: 5, share: 0.5 },
      { function: 'execute', location: 'node_modules/graphql/execution/execute.js:1', package: 'graphql', selfMs: 2, share: 0.2 },
    ],
    byPackage: [{ package: '@cmb/kit', selfMs: 5, share: 0.5 }],
  };
  return buildProfileReport({
    meta: {
      id: `profile-${scale}`,
      command: 'npm run profile',
      gatewayName: 'cmb-gateway',
      options: {
        storage: 'postgres',
        persons: 10_000,
        gateway: 'cmb-gateway',
        load: { executor: 'closed', vus: 50 },
        warmup: 10,
        duration: 20,
      },
      machine: { commit: 'abc1234', dirty: false, nproc: '2', load: '1 1 1' },
      machineBusyShare: 0.9,
    },
    load: { requests: 102, errors: 2, rps: 5, p50: 10, p99: 30, seconds: 20 },
    layers: [
      { name: 'gateway', kind: 'gateway', pid: 1, cpuMs: 200 * scale, kernelMs: 50 * scale },
      { name: 'beneficiaries', kind: 'subgraph', pid: 2, cpuMs: 100 * scale },
      { name: 'PostgreSQL (subgraphs)', kind: 'postgres', pid: 3, cpuMs: 100 },
    ],
    machineBusyMs: 1_000,
    statements: [{ cluster: 'subgraphs', rows: [row('beneficiaries', 'SELECT 1 FROM person WHERE id = $1', 200, 20)] }],
    profileLoad: { requests: 50, errors: 0 },
    profiles: { gateway: profile },
  });
}

describe('buildProfileReport', () => {
  const r = report();

  it('puts each layer per decision (requests less errors) with its share of the path', () => {
    expect(r.load.decisions).toBe(100);
    expect(r.layers.map((l: { name: string; cpuMsPerDecision: number; share: number }) => [l.name, l.cpuMsPerDecision, l.share])).toEqual([
      ['gateway', 2, 0.5],
      ['beneficiaries', 1, 0.25],
      ['PostgreSQL (subgraphs)', 1, 0.25],
    ]);
    expect(r.total.cpuMsPerDecision).toBe(4);
    expect(r.outside.cpuMsPerDecision).toBe(6);
    expect(r.sql.statementsPerDecision).toBe(2);
  });

  it("gives the share of a process's CPU spent in the kernel where it was read, and none where it was not", () => {
    expect(r.layers.map((l: { name: string; kernelShare: number | null }) => [l.name, l.kernelShare])).toEqual([
      ['gateway', 0.25],
      ['beneficiaries', null],
      ['PostgreSQL (subgraphs)', null],
    ]);
    expect(renderSummary(r)).toMatch(/\| gateway +\| 2\.00 +\| 50\.0% +\| 25\.0% +\|/);
  });

  it("estimates a function's CPU per decision from its share of its process's samples", () => {
    expect(
      r.topFunctions.map((f: { process: string; function: string; cpuMsPerDecision: number }) => [
        f.process,
        f.function,
        f.cpuMsPerDecision,
      ]),
    ).toEqual([
      ['gateway', 'sign', 1],
      ['gateway', 'execute', 0.4],
    ]);
    expect(r.layers[0].hottestFunction).toEqual({ function: 'sign', package: '@cmb/kit', share: 0.5 });
  });
});

describe('compareProfiles', () => {
  it.each([
    [2, 1, '−50%'],
    [1, 1.25, '+25%'],
    [null, 1, 'new'],
    [1, null, 'gone'],
    [0, 0, '0%'],
  ])('change(%s, %s) = %s', (before, after, expected) => {
    expect(change(before, after)).toBe(expected);
  });

  it('prints each layer before and after, and the functions of either run', () => {
    const text = compareProfiles(report(), report(0.5));
    expect(text).toMatch(/\| gateway CPU ms +\| 2\.00 +\| 1\.00 +\| −50% +\|/);
    expect(text).toMatch(/\| \*\*total CPU ms \(the path\)\*\* +\| 4\.00 +\| 2\.50 +\| −38% +\|/);
    expect(text).toMatch(/\| gateway +\| sign +\| subgraphs\/kit\/dist\/auth\/signed-context\.js:35 +\| 1\.000 +\| 0\.500 +\| −50% +\|/);
    expect(text).not.toMatch(/warning/);
  });

  it('warns when the rest of the machine was not equally busy', () => {
    const busier = { ...report(), outside: { cpuMs: 20_000, cpuMsPerDecision: 200 } };
    expect(compareProfiles(report(), busier)).toMatch(/warning: the rest of the machine used 0\.03 cores before and 1\.00 after/);
  });

  it('warns when the runs were made with other settings, and refuses what is not a report', () => {
    const other = { ...report(), options: { ...report().options, persons: 1_000_000 } };
    expect(compareProfiles(report(), other)).toMatch(/warning: the runs differ in persons 10000 → 1000000/);
    expect(() => compareProfiles(report(), { format: 'other' })).toThrow(/after is not a profile report/);
  });
});
