import type { DataSource, EntityManager } from 'typeorm';
import { holdingTheConnection } from './one-at-a-time';

/** Runs a work in a SQLite transaction that takes the write lock at once (`BEGIN IMMEDIATE`). */
async function sqliteImmediate<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.query('BEGIN IMMEDIATE');
  try {
    const result = await work(runner.manager);
    await runner.query('COMMIT');
    return result;
  } catch (error) {
    await runner.query('ROLLBACK');
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * Runs a write that must not interleave with another of the same name: one
 * transaction, serialized in this process and across processes (the
 * subgraph and a command-line import on the same database). PostgreSQL: a
 * transaction-scoped advisory lock on the name. SQLite: `BEGIN IMMEDIATE`,
 * which takes the database's write lock before the first read; the data
 * source must be one that serves no request (its single connection would
 * show the requests the transaction's uncommitted rows), so open a second
 * one on the same file for writes.
 */
export function exclusiveTransaction<T>(dataSource: DataSource, lockName: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return holdingTheConnection(dataSource, () =>
    dataSource.options.type === 'postgres'
      ? dataSource.transaction(async (manager) => {
          await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockName]);
          return work(manager);
        })
      : sqliteImmediate(dataSource, work),
  );
}

/**
 * How many advisory locks a transaction takes at most for its names: PostgreSQL
 * keeps them in its shared lock table (`max_locks_per_transaction` × the
 * connections, 6,400 entries by default), which a batch of 2,000 persons
 * locked one by one, a few at a time, would fill for every session.
 */
export const NAME_LOCK_STRIPES = 256;

/** Where the stripes' keys start (`CMB` in the high bytes): clear of the keys `exclusiveTransaction` takes (`hashtext`, 32 bits). */
const NAME_LOCK_BASE = '4849604941515325440';

/**
 * Takes, in the transaction of `manager`, a lock on each name, held until it
 * commits or rolls back: two transactions about one of the same names (two
 * batches about one person) then run one after the other, each reading what
 * the other committed. PostgreSQL: transaction-scoped advisory locks on
 * {@link NAME_LOCK_STRIPES} stripes the names hash to (two names of one
 * stripe serialise too), taken in the order of their keys so that two
 * transactions never wait on each other in a cycle. SQLite takes none: one
 * transaction writes at a time.
 */
export async function lockNamesInTransaction(manager: EntityManager, names: readonly string[]): Promise<void> {
  if (manager.connection.options.type !== 'postgres' || names.length === 0) return;
  await manager.query(
    `SELECT pg_advisory_xact_lock(key) FROM (
       SELECT DISTINCT ${NAME_LOCK_BASE}::bigint + (hashtextextended(name, 0) & ${NAME_LOCK_STRIPES - 1}) AS key FROM unnest($1::text[]) AS name
     ) AS keys ORDER BY key`,
    [[...names]],
  );
}
