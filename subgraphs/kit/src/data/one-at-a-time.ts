import type { DataSource } from 'typeorm';

/** The tail of the works queued on each data source in this process. */
const queues = new WeakMap<DataSource, Promise<unknown>>();

/** Runs works on one data source one after the other in this process, each whatever became of the one before. */
export function oneAtATime<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(
    dataSource,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Makes an embedded SQLite data source run its transactions one after the
 * other (`dataSource.transaction`, `dataSource.manager.transaction`).
 * TypeORM's better-sqlite3 driver has one connection: two transactions at
 * once nested (the second a savepoint of the first), so one's rollback undid
 * the other's acknowledged rows, or the second failed as an internal error.
 * A transaction's own manager (the callback's) is left as it is, so a
 * savepoint inside a transaction still works; a transaction must never start
 * another through the data source (it would wait for itself).
 */
export function serialiseTransactions(dataSource: DataSource): DataSource {
  const { manager } = dataSource;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) => oneAtATime(dataSource, () => transaction(...args))) as typeof manager.transaction;
  return dataSource;
}
