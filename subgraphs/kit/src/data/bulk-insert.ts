import type { EntityManager } from 'typeorm';
import type { BulkValue } from './bulk-writer';

/**
 * Bound on the parameters of one statement: under SQLite's 32,766 and
 * PostgreSQL's 65,535, so a chunk never fails for its size.
 */
const MAX_PARAMETERS = 30_000;

/** Rows for one table, written inside the caller's transaction. */
export interface InsertRows {
  table: string;
  columns: readonly string[];
  rows: readonly (readonly BulkValue[])[];
}

/**
 * Inserts many rows with multi-row `INSERT ... VALUES` statements inside the
 * transaction of `manager`, in chunks of at most 30,000 parameters: the bulk
 * write of a reference import, which must share one transaction with its
 * other statements (unlike {@link bulkLoad}, which opens its own). SQLite
 * stores booleans as 0 and 1. Returns the number of rows written.
 */
export async function insertRowsWithin(manager: EntityManager, { table, columns, rows }: InsertRows): Promise<number> {
  if (columns.length === 0) throw new RangeError('an insert names at least one column');
  const postgres = manager.connection.options.type === 'postgres';
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: BulkValue[] = [];
    const tuples = chunk.map((row) => {
      if (row.length !== columns.length) throw new RangeError(`a row of ${table} has ${row.length} values for ${columns.length} columns`);
      const marks = row.map((value) => {
        values.push(!postgres && typeof value === 'boolean' ? Number(value) : value);
        return postgres ? `$${values.length}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    await manager.query(head + tuples.join(', '), values);
  }
  return rows.length;
}
