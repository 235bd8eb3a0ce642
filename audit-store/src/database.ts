import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Client, Pool, types } from 'pg';

/** The SQL dialects of the audit store. */
export type AuditDialect = 'postgres' | 'sqlite';

/** Runs statements written with PostgreSQL's `$1, $2, ...` placeholders. */
export interface SqlRunner {
  readonly dialect: AuditDialect;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** A connection to the audit store: statements, transactions (all or nothing), close. */
export interface AuditDatabase extends SqlRunner {
  transaction<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (schema changes). */
  execScript(sql: string): Promise<void>;
  /**
   * Takes the exclusive right to append to a writer's chain for the life of
   * this connection (a PostgreSQL advisory lock on its own session): a second
   * process with the same writer id would fork the chain. Throws when another
   * session holds it. Resolves to the number of the session that holds it: a
   * new number means the lock was lost and taken again, and the chain must be
   * read afresh. A no-op on SQLite (always 0), whose writers are one process each.
   */
  lockWriter(writerId: string): Promise<number>;
  close(): Promise<void>;
}

/** Where the audit store lives: PostgreSQL when a URL is given, else an embedded SQLite file. */
export interface AuditDatabaseConfig {
  url?: string;
  sqlitePath?: string;
  /** Pool size on PostgreSQL. */
  maxConnections?: number;
  /**
   * Longest a statement may run on PostgreSQL before it fails (the gateway's
   * writer: a stalled store then fails closed instead of holding answers; the
   * audit subgraph's reader: no search outlives the gateway's call, see
   * {@link isCancelledStatement}); unbounded by default, for verification,
   * export and retention.
   */
  statementTimeoutMs?: number;
}

/**
 * True when PostgreSQL cancelled a statement (`statement_timeout`, SQLSTATE
 * 57014) or the client stopped waiting for one (the pool's `query_timeout`,
 * a second past it): the statement ran past the bound its caller set.
 */
export function isCancelledStatement(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error as Error & { code?: unknown }).code === '57014' || error.message === 'Query read timeout';
}

/** How long opening a PostgreSQL connection may take before the store counts as unavailable. */
const CONNECT_TIMEOUT_MS = 5_000;

// int8 (seq, position) as numbers: positions stay far below 2^53.
types.setTypeParser(20, (value) => Number(value));

/** Opens the audit store of a configuration. */
export function openAuditDatabase(config: AuditDatabaseConfig): AuditDatabase {
  if (config.url) return postgresDatabase(config.url, config.maxConnections ?? 4, config.statementTimeoutMs);
  if (!config.sqlitePath) throw new Error('audit store: give a PostgreSQL URL or a SQLite path');
  return sqliteDatabase(config.sqlitePath);
}

function postgresDatabase(url: string, max: number, statementTimeoutMs: number | undefined): AuditDatabase {
  const pool = new Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + 1_000 } : {}),
  });
  // An idle connection that drops (a restart, a failover) is only discarded; the next statement opens another.
  pool.on('error', () => undefined);
  const locks = new Map<string, Promise<{ session: Client; generation: number }>>();
  let generations = 0;
  return {
    dialect: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(sql, params as unknown[])).rows as T[];
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          dialect: 'postgres',
          query: async <T>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, params as unknown[])).rows as T[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async execScript(sql) {
      await pool.query(sql);
    },
    lockWriter(writerId) {
      // Callers racing for the same writer share one attempt, so a process never competes with itself.
      const held = locks.get(writerId);
      if (held) return held.then((lock) => lock.generation);
      const forget = () => {
        if (locks.get(writerId) === taking) locks.delete(writerId);
      };
      generations += 1;
      const taking = takeWriterLock(url, writerId, forget).then((session) => ({ session, generation: generations }));
      locks.set(writerId, taking);
      taking.catch(forget);
      return taking.then((lock) => lock.generation);
    },
    async close() {
      const sessions = await Promise.allSettled([...locks.values()]);
      locks.clear();
      await Promise.all(
        sessions.map((held) => (held.status === 'fulfilled' ? held.value.session.end().catch(() => undefined) : undefined)),
      );
      await pool.end();
    },
  };
}

/**
 * Opens a session holding a writer's advisory lock; `lost` runs when the
 * session drops (the lock goes with it). Throws when another session holds it.
 */
async function takeWriterLock(url: string, writerId: string, lost: () => void): Promise<Client> {
  const session = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  session.on('error', () => {
    lost();
    session.end().catch(() => undefined);
  });
  await session.connect();
  const { rows } = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [
    `cmb-audit-writer:${writerId}`,
  ]);
  if (!rows[0]?.locked) {
    await session.end();
    throw new Error(`another process is appending to the audit chain of writer "${writerId}": give each gateway its own AUDIT_WRITER_ID`);
  }
  return session;
}

/** `$1` to SQLite's named `@p1`, bound from an object: placeholders may repeat. */
function sqliteStatement(sql: string): string {
  return sql.replace(/\$(\d+)/g, '@p$1');
}

function sqliteParams(params: readonly unknown[]): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  params.forEach((value, i) => {
    named[`p${i + 1}`] = Array.isArray(value)
      ? JSON.stringify(value)
      : typeof value === 'boolean'
        ? Number(value)
        : value instanceof Date
          ? value.toISOString()
          : value;
  });
  return named;
}

function sqliteDatabase(path: string): AuditDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // An acknowledged audit write survives a power cut, not only a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const statements = new Map<string, Database.Statement>();
  const run = <T>(sql: string, params: readonly unknown[] = []): T[] => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sqliteStatement(sql));
      statements.set(sql, statement);
    }
    const bound = params.length > 0 ? [sqliteParams(params)] : [];
    return statement.reader ? (statement.all(...bound) as T[]) : (statement.run(...bound), []);
  };
  const runner: SqlRunner = { dialect: 'sqlite', query: async (sql, params) => run(sql, params) };
  // One connection: transactions take turns, so the statements of one never land inside another.
  let turn: Promise<unknown> = Promise.resolve();
  return {
    ...runner,
    transaction<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T> {
      const next = turn.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(runner);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
      turn = next.catch(() => undefined);
      return next;
    },
    async execScript(sql) {
      db.exec(sql);
    },
    async lockWriter() {
      // One process owns a SQLite store's writer (the embedded default).
      return 0;
    },
    async close() {
      db.close();
    },
  };
}
