import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient, Pool } from 'pg';
import { SILENT_PROGRESS, type ProgressSink } from '../progress/progress-sink';
import { meterTable, type CountedWalk, type TableMeter } from './table-meter';

/** A value a bulk row may hold. */
export type BulkValue = string | number | boolean | null;

/** Rows for one table, produced lazily so a million rows never sit in memory at once. */
export interface BulkTable {
  table: string;
  columns: readonly string[];
  rows: Iterable<readonly BulkValue[]>;
  /** How many rows `rows` will give, for progress (percent, time left); an array's length by default, else unknown. */
  expectedRows?: number;
  /** The walk `rows` are drawn from, sparsely: progress then counts the walk (see `CountedWalk`). */
  walk?: CountedWalk;
}

/** Escapes one value for PostgreSQL's COPY text format. */
function copyText(value: BulkValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Encodes rows as COPY text lines, in chunks, metering each row. */
function* copyLines(rows: Iterable<readonly BulkValue[]>, meter: TableMeter): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row.map(copyText).join('\t') + '\n';
    meter.row();
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

/** Inserts every table with prepared statements inside one SQLite transaction; returns the rows written. */
function loadSqlite(dataSource: DataSource, tables: readonly BulkTable[], progress: ProgressSink): number {
  const db = (dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
  const run = db.transaction(() => {
    let written = 0;
    for (const bulk of tables) {
      const { table, columns, rows } = bulk;
      const meter = meterTable(bulk, progress);
      const placeholders = columns.map(() => '?').join(', ');
      const insert = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${placeholders})`);
      for (const row of rows) {
        insert.run(...row.map((v) => (typeof v === 'boolean' ? Number(v) : v)));
        meter.row();
      }
      written += meter.finish();
    }
    return written;
  });
  return run();
}

/** Streams every table with COPY inside one PostgreSQL transaction; returns the rows written. */
async function loadPostgres(dataSource: DataSource, tables: readonly BulkTable[], progress: ProgressSink): Promise<number> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client: PoolClient = await pool.connect();
  try {
    await client.query('BEGIN');
    let written = 0;
    for (const bulk of tables) {
      const { table, columns, rows } = bulk;
      const meter = meterTable(bulk, progress);
      const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
      await pipeline(Readable.from(copyLines(rows, meter)), client.query(copyFrom(sql)));
      written += meter.finish();
    }
    await client.query('COMMIT');
    return written;
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
 * loaded or none. Each table is a step of `progress` (its name and size),
 * told in batches of rows written (or of its walk); the sink is not ended,
 * the caller's work goes on. Returns the rows written.
 */
export async function bulkLoad(dataSource: DataSource, tables: readonly BulkTable[], progress: ProgressSink = SILENT_PROGRESS): Promise<number> {
  return dataSource.options.type === 'postgres' ? loadPostgres(dataSource, tables, progress) : loadSqlite(dataSource, tables, progress);
}

/** Chains row sources lazily (a spread would hold every row in memory). */
export function* chainRows(...sources: Iterable<readonly BulkValue[]>[]): Generator<readonly BulkValue[]> {
  for (const source of sources) yield* source;
}
