import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** What the kit needs of node-postgres' pool: a query taking a named statement. */
interface NamedStatementPool {
  query(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}

/** The pool behind a PostgreSQL data source (TypeORM's `master`), or null on another engine. */
function postgresPool(dataSource: DataSource): NamedStatementPool | null {
  if (dataSource.options.type !== 'postgres') return null;
  const pool = (dataSource.driver as unknown as { master?: NamedStatementPool }).master;
  return pool && typeof pool.query === 'function' ? pool : null;
}

/** Statement names by text: the same text always gets the same name, on every connection. */
const NAMES = new Map<string, string>();

/** Most distinct statements named per process (beyond, a statement runs unnamed: IN lists of many lengths). */
const MAX_NAMED = 512;

function nameOf(text: string): string | null {
  const known = NAMES.get(text);
  if (known) return known;
  if (NAMES.size >= MAX_NAMED) return null;
  const name = `cmb_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
  NAMES.set(text, name);
  return name;
}

/**
 * Runs a read of the hot path as a prepared statement: on PostgreSQL a named
 * statement, parsed and planned once per connection instead of on every call
 * (planning was most of the eligibility check's SQL time); on SQLite through
 * TypeORM, whose better-sqlite3 driver keeps its prepared statements already.
 * The rows, as `DataSource.query` returns them for a SELECT.
 */
export async function preparedQuery<T>(dataSource: DataSource, text: string, values: readonly unknown[]): Promise<T[]> {
  const pool = postgresPool(dataSource);
  const name = pool ? nameOf(text) : null;
  if (!pool || !name) return (await dataSource.query(text, [...values])) as T[];
  return (await pool.query({ name, text, values })).rows as T[];
}
