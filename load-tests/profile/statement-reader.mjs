// Reads pg_stat_statements on one PostgreSQL cluster for the profile: the
// library is preloaded by the cluster's settings (STATEMENT_COUNTING_SETTINGS
// of the benchmark); the profile also tracks utility statements (BEGIN,
// COMMIT, SET) and planning time while it runs, reset before the measured
// window and read after it. The settings are put back on close, so a kept
// dataset (--reuse) counts as the benchmark expects afterwards.
import pg from 'pg';

/** Tracked only while the profile runs (ALTER SYSTEM, reload). */
const PROFILE_SETTINGS = ['pg_stat_statements.track_utility', 'pg_stat_statements.track_planning'];

const READ = `SELECT d.datname AS database, s.query, s.calls::bigint AS calls, s.total_exec_time AS exec_ms,
    s.total_plan_time AS plan_ms, s.rows::bigint AS rows, s.shared_blks_hit::bigint AS hit, s.shared_blks_read::bigint AS read
  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
  WHERE d.datname LIKE $1 AND s.query NOT ILIKE '%pg_stat_statements%' AND s.query NOT ILIKE '%pg_reload_conf%'`;

/**
 * Opens a reader on the cluster of `postgresUrl`. `cluster`: its label in
 * the report; `databases`: a LIKE pattern of the databases read;
 * `databaseName(datname)`: the name shown. Returns `{ reset(), read(), close() }`;
 * read gives rows as summarizeStatements takes them.
 */
export async function openStatementReader(postgresUrl, { cluster, databases = '%', databaseName = (name) => name }) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    for (const setting of PROFILE_SETTINGS) await client.query(`ALTER SYSTEM SET ${setting} = on`);
    await client.query('SELECT pg_reload_conf()');
    // Every backend applies the reload before its next command: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
  } catch (error) {
    await client.end();
    throw new Error(`pg_stat_statements is not available on the ${cluster} cluster (${error.message}): it must be preloaded`, {
      cause: error,
    });
  }
  let closed = false;
  return {
    reset: () => client.query('SELECT pg_stat_statements_reset()'),
    async read() {
      const { rows } = await client.query(READ, [databases]);
      return rows.map((row) => ({
        database: databaseName(row.database),
        query: row.query,
        calls: Number(row.calls),
        totalExecMs: Number(row.exec_ms),
        totalPlanMs: Number(row.plan_ms),
        rows: Number(row.rows),
        blocksHit: Number(row.hit),
        blocksRead: Number(row.read),
      }));
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        for (const setting of PROFILE_SETTINGS) await client.query(`ALTER SYSTEM RESET ${setting}`);
        await client.query('SELECT pg_reload_conf()');
      } finally {
        await client.end();
      }
    },
  };
}
