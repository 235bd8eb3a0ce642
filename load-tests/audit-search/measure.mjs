// Times `searchAuditEvents` as the audit subgraph calls it (first page of 50,
// newest first) for groups of persons, next to the single statement it sent
// before its time windows (one ORDER BY ... LIMIT over the whole trail): the
// reference both for speed and for the page (they must be the same), and
// explains the statements a search really sends (captured, not retyped).
import { EVENT_SELECT, searchAuditEvents } from '@cmb/audit-store';
import { CHRONIC_FRACTION, HEAVY_PERSONS, syntheticNationalId } from './synthetic-events.mjs';

/** The page officers ask for. */
export const PAGE_SIZE = 50;

/** A small deterministic PRNG for choosing persons (independent of the store's). */
function prng(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * The groups of persons searched: `queries` random ones, chronic ones, the
 * heavy ones (first page and the page after), and persons never in the store.
 */
export function searchGroups({ persons, queries, warmup }) {
  const next = prng(20261123);
  const uniform = () => Math.floor(next() * persons);
  const chronic = Math.max(HEAVY_PERSONS + 1, Math.floor(persons * CHRONIC_FRACTION));
  const heavy = Math.min(HEAVY_PERSONS, persons);
  const few = Math.min(queries, 50);
  return {
    warmup: Array.from({ length: warmup }, uniform),
    groups: [
      {
        id: 'random',
        label: `random persons (uniform over ${persons.toLocaleString('en-US')})`,
        persons: Array.from({ length: queries }, uniform),
      },
      {
        id: 'chronic',
        label: `chronic persons (the first ${(CHRONIC_FRACTION * 100).toFixed(0)}%)`,
        persons: Array.from({ length: few }, () => heavy + Math.floor(next() * (chronic - heavy))),
      },
      { id: 'heavy', label: `heavy persons (the ${heavy} most accessed)`, persons: Array.from({ length: few }, (_, i) => i % heavy) },
      {
        id: 'heavy-page-2',
        label: 'heavy persons, second page (after the cursor)',
        persons: Array.from({ length: heavy * 2 }, (_, i) => i % heavy),
        secondPage: true,
      },
      {
        id: 'absent',
        label: 'persons with no event (never accessed)',
        persons: Array.from({ length: few }, () => persons + Math.floor(next() * 1_000_000)),
      },
    ],
  };
}

/** A database that counts the statements sent through it. */
function counting(db) {
  const counter = { dialect: db.dialect, statements: 0, query: (sql, params) => ((counter.statements += 1), db.query(sql, params)) };
  return counter;
}

/** The search of the audit store: `searchAuditEvents`, as the audit subgraph calls it. */
async function storeSearch(db, subjects, after) {
  const page = await searchAuditEvents(db, { subjects }, { first: PAGE_SIZE, after });
  return page.events.map((e) => ({ eventId: e.eventId, occurredAt: e.occurredAt, seq: e.seq }));
}

/** The reference: one statement over the whole trail, as `searchAuditEvents` sent before its time windows. */
async function singleStatement(db, subjects, after) {
  const params = [subjects];
  let cursor = '';
  if (after) {
    params.push(after.occurredAt, after.seq);
    cursor = ' AND (occurred_at, seq) < ($2::timestamptz, $3)';
  }
  const rows = await db.query(
    `SELECT ${EVENT_SELECT} FROM audit_event WHERE subjects && $1::text[]${cursor} ORDER BY occurred_at DESC, seq DESC LIMIT ${PAGE_SIZE + 1}`,
    params,
  );
  return rows
    .slice(0, PAGE_SIZE)
    .map((r) => ({ eventId: String(r.event_id), occurredAt: new Date(r.occurred_at).toISOString(), seq: Number(r.seq) }));
}

/** The strategies timed, the store's own first. */
export const STRATEGIES = [
  { id: 'search', label: '`searchAuditEvents` (time windows)', run: storeSearch },
  { id: 'single', label: 'one statement over the whole trail (before)', run: singleStatement },
];

/** One timed search: wall time in ms (pool connection, planning, execution, decoding), rows, statements sent. */
async function timed(db, strategy, subjects, after) {
  const counter = counting(db);
  const started = performance.now();
  const rows = await strategy.run(counter, subjects, after);
  return { ms: performance.now() - started, rows, statements: counter.statements };
}

/** How many events name the person (not timed): what the index must find. */
async function eventsOf(db, subjects) {
  const rows = await db.query('SELECT count(*)::int AS n FROM audit_event WHERE subjects && $1::text[]', [subjects]);
  return rows[0].n;
}

function summary(samples) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rows = samples.map((s) => s.rows.length).sort((a, b) => a - b);
  const statements = samples.map((s) => s.statements).sort((a, b) => a - b);
  return {
    queries: samples.length,
    p50: percentile(ms, 0.5),
    p95: percentile(ms, 0.95),
    p99: percentile(ms, 0.99),
    max: ms.at(-1),
    rows: { median: percentile(rows, 0.5), min: rows[0], max: rows.at(-1) },
    statements: { median: percentile(statements, 0.5), min: statements[0], max: statements.at(-1) },
  };
}

/**
 * Runs the warm-up, then each group: every person searched by both
 * strategies, in alternating order (so neither always pays the cold reads),
 * and their pages compared. Returns per-group, per-strategy statistics and
 * the number of pages that differed (must be 0).
 */
export async function measureSearches(db, keyring, { warmup, groups }, log) {
  for (const person of warmup) await storeSearch(db, keyring.pseudonymsOf(syntheticNationalId(person)), null);
  const results = [];
  let mismatches = 0;
  let compared = 0;
  for (const group of groups) {
    const samples = Object.fromEntries(STRATEGIES.map((s) => [s.id, []]));
    for (const [i, person] of group.persons.entries()) {
      const subjects = keyring.pseudonymsOf(syntheticNationalId(person));
      let after = null;
      if (group.secondPage) {
        const firstPage = await singleStatement(db, subjects, null);
        after = firstPage.length === PAGE_SIZE ? { occurredAt: firstPage.at(-1).occurredAt, seq: firstPage.at(-1).seq } : null;
      }
      const order = i % 2 === 0 ? STRATEGIES : [...STRATEGIES].reverse();
      const pages = {};
      for (const strategy of order) {
        const sample = await timed(db, strategy, subjects, after);
        samples[strategy.id].push(sample);
        pages[strategy.id] = sample.rows.map((r) => r.eventId).join(',');
      }
      compared += 1;
      if (pages.search !== pages.single) mismatches += 1;
    }
    const counts = [];
    for (const person of new Set(group.persons)) counts.push(await eventsOf(db, keyring.pseudonymsOf(syntheticNationalId(person))));
    counts.sort((a, b) => a - b);
    const events = { median: percentile(counts, 0.5), min: counts[0], max: counts.at(-1) };
    for (const strategy of STRATEGIES) {
      const result = {
        id: group.id,
        label: group.label,
        strategy: strategy.id,
        strategyLabel: strategy.label,
        events,
        ...summary(samples[strategy.id]),
      };
      log(
        `  ${group.id}, ${strategy.id}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(1)} ms (${result.queries} queries)`,
      );
      results.push(result);
    }
  }
  return { results, compared, mismatches };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement `searchAuditEvents` sends for
 * a person's first page (a windowed search sends one per window it needs).
 */
export async function explainSearch(db, keyring, person) {
  const statements = [];
  const recorder = {
    dialect: db.dialect,
    query(sql, params = []) {
      statements.push({ sql, params });
      return db.query(sql, params);
    },
  };
  await searchAuditEvents(recorder, { subjects: keyring.pseudonymsOf(syntheticNationalId(person)) }, { first: PAGE_SIZE });
  const explained = [];
  for (const { sql, params } of statements) {
    const rows = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    explained.push({ sql, params: params.slice(1), plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
  }
  return explained;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the reference single statement for a person's first page. */
export async function explainSingleStatement(db, keyring, person) {
  const statements = [];
  await singleStatement(
    { query: (sql, params) => (statements.push({ sql, params }), db.query(sql, params)) },
    keyring.pseudonymsOf(syntheticNationalId(person)),
    null,
  );
  const [{ sql, params }] = statements;
  const rows = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  return [{ sql, params: params.slice(1), plan: rows.map((r) => r['QUERY PLAN']).join('\n') }];
}
