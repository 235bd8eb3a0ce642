import type { BulkValue } from './bulk-writer';

/** What runs a statement: a TypeORM `EntityManager` or `QueryRunner` inside a transaction, or a `DataSource`. */
export interface StatementRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** The SQL dialect of a statement: its parameter placeholders. */
export type Dialect = 'postgres' | 'sqlite';

/**
 * Parameters one statement may bind, within both engines' limits: PostgreSQL
 * takes 65,535, SQLite 32,766 (its default since 3.32); a margin is kept.
 */
export const MAX_STATEMENT_PARAMETERS = 30_000;

/** The dialect of a TypeORM data source type. */
export function dialectOf(type: string): Dialect {
  return type === 'postgres' ? 'postgres' : 'sqlite';
}

function quoted(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`not a plain SQL identifier: ${identifier}`);
  return `"${identifier}"`;
}

/** A column type for an array cast: letters, digits, spaces and parentheses only (`varchar`, `timestamp with time zone`). */
function sqlType(type: string): string {
  if (!/^[a-z][a-z0-9 ()]*$/.test(type)) throw new Error(`not a plain SQL type: ${type}`);
  return type;
}

/** `(p, p, ...), (p, p, ...)` for `rows` tuples of `width` values, numbered from 1 on PostgreSQL. */
function tuples(dialect: Dialect, rows: number, width: number): string {
  const list: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const marks = Array.from({ length: width }, (_, column) => (dialect === 'postgres' ? `$${row * width + column + 1}` : '?'));
    list.push(`(${marks.join(', ')})`);
  }
  return list.join(', ');
}

/** What to do when an inserted row's key exists already. */
export interface OnConflict {
  /** The key columns (a primary key or unique index). */
  key: readonly string[];
  /** Columns replaced by the inserted row's values; the rest are kept. */
  update: readonly string[];
}

/** Rows of one table written in batches. */
export interface BatchedRows {
  table: string;
  columns: readonly string[];
  /**
   * The SQL type of each column (`varchar`, `date`, `integer`, `text`): on
   * PostgreSQL the rows are then sent as one array per column
   * (`INSERT ... SELECT * FROM unnest($1::varchar[], ...)`), a few parameters
   * for thousands of rows, several times faster than a long VALUES list.
   */
  postgresTypes?: readonly string[];
  rows: readonly (readonly BulkValue[])[];
  /** Without it a duplicate key fails the statement. */
  onConflict?: OnConflict;
}

/** Rows per statement when PostgreSQL receives one array per column. */
export const ROWS_PER_ARRAY_STATEMENT = 10_000;

/** How many rows one statement carries for a table of `width` columns. */
export function rowsPerStatement(width: number): number {
  return Math.max(1, Math.floor(MAX_STATEMENT_PARAMETERS / width));
}

/**
 * Inserts (or upserts) a set of rows in a few statements, inside the
 * caller's transaction: multi-row `INSERT ... VALUES` with as many rows per
 * statement as the engines' parameter limits allow, or on PostgreSQL, when
 * the column types are given, one array per column (`unnest`). A set of
 * 50,000 rows is a handful of statements; `ON CONFLICT ... DO UPDATE SET
 * col = excluded.col` upserts on both engines.
 */
export async function insertRowsInBatches(runner: StatementRunner, dialect: Dialect, batch: BatchedRows): Promise<void> {
  const columns = batch.columns.map(quoted).join(', ');
  const conflict = batch.onConflict
    ? ` ON CONFLICT (${batch.onConflict.key.map(quoted).join(', ')}) DO ${
        batch.onConflict.update.length === 0
          ? 'NOTHING'
          : `UPDATE SET ${batch.onConflict.update.map((c) => `${quoted(c)} = excluded.${quoted(c)}`).join(', ')}`
      }`
    : '';
  const types = dialect === 'postgres' ? batch.postgresTypes : undefined;
  if (types) {
    if (types.length !== batch.columns.length) throw new Error(`${batch.table}: one PostgreSQL type per column`);
    const arrays = types.map((type, index) => `$${index + 1}::${sqlType(type)}[]`).join(', ');
    for (let start = 0; start < batch.rows.length; start += ROWS_PER_ARRAY_STATEMENT) {
      const slice = batch.rows.slice(start, start + ROWS_PER_ARRAY_STATEMENT);
      const values = batch.columns.map((_, column) => slice.map((row) => row[column] ?? null));
      await runner.query(`INSERT INTO ${quoted(batch.table)} (${columns}) SELECT * FROM unnest(${arrays})${conflict}`, values);
    }
    return;
  }
  const size = rowsPerStatement(batch.columns.length);
  for (let start = 0; start < batch.rows.length; start += size) {
    const slice = batch.rows.slice(start, start + size);
    const values = slice.flatMap((row) => row.map((value) => (typeof value === 'boolean' && dialect === 'sqlite' ? Number(value) : value)));
    await runner.query(
      `INSERT INTO ${quoted(batch.table)} (${columns}) VALUES ${tuples(dialect, slice.length, batch.columns.length)}${conflict}`,
      values,
    );
  }
}

/** Deletes the rows whose key column holds one of the values, in batches within the parameter limits. */
export async function deleteKeysInBatches(
  runner: StatementRunner,
  dialect: Dialect,
  table: string,
  column: string,
  keys: readonly BulkValue[],
): Promise<void> {
  for (let start = 0; start < keys.length; start += MAX_STATEMENT_PARAMETERS) {
    const slice = keys.slice(start, start + MAX_STATEMENT_PARAMETERS);
    const marks = slice.map((_, index) => (dialect === 'postgres' ? `$${index + 1}` : '?')).join(', ');
    await runner.query(`DELETE FROM ${quoted(table)} WHERE ${quoted(column)} IN (${marks})`, [...slice]);
  }
}
