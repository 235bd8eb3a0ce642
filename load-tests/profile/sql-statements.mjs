// The SQL statements of a measured window, from pg_stat_statements rows:
// normalised so that one statement shape is one entry (a list of parameters
// of any length, a multi-row VALUES, the constants a utility statement
// keeps), then summed and put per decision. Pure functions.

/** Statements PostgreSQL runs as utility commands; the benchmark does not count them (track_utility off). */
const UTILITY =
  /^(BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|SET|RESET|SHOW|DISCARD|DEALLOCATE|LISTEN|UNLISTEN|NOTIFY|LOCK|VACUUM|ANALYZE)\b/i;

/** True for BEGIN, COMMIT, SET and the other utility commands. */
export function isUtilityStatement(text) {
  return UTILITY.test(text.trim());
}

/** A parameter, with its casts (`$n::text[]`). */
const PARAM = String.raw`\$n(?:::[\w."]+(?:\[\])?)*`;
/** A row of parameters, or a list already written `($…)`. */
const TUPLE = String.raw`(?:\(\s*${PARAM}(?:\s*,\s*${PARAM})*\s*\)|\(\$…\))`;
const PARAM_LIST = /\(\s*\$n(?:\s*,\s*\$n)+\s*\)/g;
const MULTI_ROW = new RegExp(`(${TUPLE})(?:\\s*,\\s*${TUPLE})+`, 'g');

/**
 * One shape per statement: comments dropped, whitespace collapsed, every
 * parameter `$n`, a list of parameters `($n, $n, …)` of any length written
 * `($…)`, a VALUES of several rows its first row and `…`; in utility
 * statements (which pg_stat_statements keeps as written) string and number
 * constants too.
 */
export function normalizeStatement(sql) {
  let text = sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (isUtilityStatement(text))
    text = text.replace(/'(?:[^']|'')*'/g, () => '$n').replace(/(?<![\w"$])\d+(?:\.\d+)?(?![\w"])/g, () => '$n');
  return text
    .replace(/\$\d+/g, () => '$n')
    .replace(PARAM_LIST, () => '($…)')
    .replace(MULTI_ROW, (_, first) => `${first}, …`);
}

/** A statement short enough for a table: long select and column lists as `…`, then cut at `max` characters. */
export function shortStatement(text, max = 110) {
  const short = text
    .replace(/^SELECT (.{40,}?) FROM /i, 'SELECT … FROM ')
    .replace(/^(INSERT INTO \S+?) ?\([^)]{30,}\)/i, '$1(…)')
    .replace(/\bVALUES \([^()]{30,}\)/i, 'VALUES (…)')
    .replace(/\bRETURNING .{30,}$/i, 'RETURNING …');
  return short.length > max ? `${short.slice(0, max - 1)}…` : short;
}

const per = (value, decisions) => (decisions > 0 ? value / decisions : null);

/**
 * Sums pg_stat_statements rows by cluster, database and normalised
 * statement, and puts them per decision. `clusters`: `[{ cluster, rows: [{
 * database, query, calls, totalExecMs, totalPlanMs, rows, blocksHit,
 * blocksRead }] }]`. Returns `{ statementsPerDecision, utilityPerDecision,
 * msPerDecision, byDatabase, statements }`: statements sorted by total time
 * (execution plus planning), every one kept.
 */
export function summarizeStatements(clusters, { decisions }) {
  const merged = new Map();
  for (const { cluster, rows } of clusters) {
    for (const row of rows) {
      const statement = normalizeStatement(row.query);
      const key = `${cluster}\u0000${row.database}\u0000${statement}`;
      const entry = merged.get(key) ?? {
        cluster,
        database: row.database,
        statement,
        utility: isUtilityStatement(statement),
        calls: 0,
        execMs: 0,
        planMs: 0,
        rows: 0,
        blocksHit: 0,
        blocksRead: 0,
      };
      entry.calls += row.calls;
      entry.execMs += row.totalExecMs;
      entry.planMs += row.totalPlanMs ?? 0;
      entry.rows += row.rows ?? 0;
      entry.blocksHit += row.blocksHit ?? 0;
      entry.blocksRead += row.blocksRead ?? 0;
      merged.set(key, entry);
    }
  }
  const sqlMs = [...merged.values()].reduce((sum, e) => sum + e.execMs + e.planMs, 0);
  const statements = [...merged.values()]
    .map((e) => {
      const totalMs = e.execMs + e.planMs;
      return {
        ...e,
        short: shortStatement(e.statement),
        totalMs,
        callsPerDecision: per(e.calls, decisions),
        msPerDecision: per(totalMs, decisions),
        meanMs: e.calls > 0 ? totalMs / e.calls : null,
        rowsPerCall: e.calls > 0 ? e.rows / e.calls : null,
        blocksPerCall: e.calls > 0 ? (e.blocksHit + e.blocksRead) / e.calls : null,
        share: sqlMs > 0 ? totalMs / sqlMs : 0,
      };
    })
    .sort((a, b) => b.totalMs - a.totalMs || b.calls - a.calls);
  const byDatabase = new Map();
  for (const s of statements) {
    const key = `${s.cluster}\u0000${s.database}`;
    const entry = byDatabase.get(key) ?? { cluster: s.cluster, database: s.database, statements: 0, utility: 0, totalMs: 0 };
    if (s.utility) entry.utility += s.calls;
    else entry.statements += s.calls;
    entry.totalMs += s.totalMs;
    byDatabase.set(key, entry);
  }
  const sum = (pick) => statements.reduce((total, s) => total + pick(s), 0);
  return {
    statementsPerDecision: per(
      sum((s) => (s.utility ? 0 : s.calls)),
      decisions,
    ),
    utilityPerDecision: per(
      sum((s) => (s.utility ? s.calls : 0)),
      decisions,
    ),
    msPerDecision: per(sqlMs, decisions),
    byDatabase: [...byDatabase.values()]
      .map((d) => ({
        ...d,
        statementsPerDecision: per(d.statements, decisions),
        utilityPerDecision: per(d.utility, decisions),
        msPerDecision: per(d.totalMs, decisions),
      }))
      .sort((a, b) => b.totalMs - a.totalMs),
    statements,
  };
}
