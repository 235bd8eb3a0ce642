import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient, Pool } from 'pg';

/** A value a bulk row may hold. */
export type BulkValue = string | number | boolean | null;

/** Rows for one table, produced lazily so a million rows never sit in memory at once. */
export interface BulkTable {
  table: string;
  columns: readonly string[];
  rows: Iterable<readonly BulkValue[]>;
}

/** Escapes one value for PostgreSQL's COPY text format. */
function copyText(value: BulkValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Encodes rows as COPY text lines, in chunks. */
function* copyLines(rows: Iterable<readonly BulkValue[]>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row.map(copyText).join('\t') + '\n';
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

interface SqliteDatabase {
  prepare(sql: string): { run(...values: unknown[]): unknown };
  transaction<T>(fn: () => T): () => T;
}

/** Inserts every table with prepared statements inside one SQLite transaction. */
function loadSqlite(dataSource: DataSource, tables: readonly BulkTable[]): void {
  const db = (dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
  const run = db.transaction(() => {
    for (const { table, columns, rows } of tables) {
      const placeholders = columns.map(() => '?').join(', ');
      const insert = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${placeholders})`);
      for (const row of rows) insert.run(...row.map((v) => (typeof v === 'boolean' ? Number(v) : v)));
    }
  });
  run();
}

/** Streams every table with COPY inside one PostgreSQL transaction. */
async function loadPostgres(dataSource: DataSource, tables: readonly BulkTable[]): Promise<void> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client: PoolClient = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const { table, columns, rows } of tables) {
      const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
      await pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(sql)));
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Loads large synthetic datasets fast and atomically: one transaction,
 * prepared statements on SQLite, COPY on PostgreSQL. Either every table is
 * loaded or none.
 */
export async function bulkLoad(dataSource: DataSource, tables: readonly BulkTable[]): Promise<void> {
  if (dataSource.options.type === 'postgres') await loadPostgres(dataSource, tables);
  else loadSqlite(dataSource, tables);
}

/** Chains row sources lazily (a spread would hold every row in memory). */
export function* chainRows(...sources: Iterable<readonly BulkValue[]>[]): Generator<readonly BulkValue[]> {
  for (const source of sources) yield* source;
}
