// Upstream work per response, counted where it cannot be faked or merged
// away: the SQL statements each subgraph's database executed, from
// pg_stat_statements (updated at the end of each statement, in shared memory;
// no proxy on the hot path). PostgreSQL only; needs the library preloaded
// (see storage.mjs).
import pg from 'pg';

/** postgresql.conf lines that turn statement counting on. */
export const STATEMENT_COUNTING_SETTINGS = [
  "shared_preload_libraries = 'pg_stat_statements'",
  "pg_stat_statements.track = 'top'",
  'pg_stat_statements.track_utility = off',
  'pg_stat_statements.save = off',
];

/** Opens a counter on the server's `postgres` database; `read()` gives calls per database (`cmb_<subgraph>`). */
export async function openStatementCounter(postgresUrl) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT count(*) FROM pg_stat_statements');
  } catch (error) {
    await client.end();
    throw new Error(`pg_stat_statements is not available (${error.message}); upstream statement counts need it preloaded`, {
      cause: error,
    });
  }
  return {
    async read() {
      const { rows } = await client.query(
        "SELECT d.datname AS database, sum(s.calls)::bigint AS calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname LIKE 'cmb\\_%' GROUP BY d.datname",
      );
      return new Map(rows.map((row) => [row.database, Number(row.calls)]));
    },
    close: () => client.end(),
  };
}

/** Statements per database between two readings. */
export function statementDelta(before, after) {
  const delta = new Map();
  for (const [database, calls] of after) delta.set(database, calls - (before.get(database) ?? 0));
  return delta;
}
