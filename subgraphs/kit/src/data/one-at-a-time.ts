import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/** The tail of the works queued on each data source in this process. */
const queues = new WeakMap<DataSource, Promise<unknown>>();

/** The data source whose serialised transaction the current async context runs in, if any. */
const insideTransaction = new AsyncLocalStorage<DataSource>();

/** Runs works on one data source one after the other in this process, each whatever became of the one before. */
function oneAtATime<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(
    dataSource,
    next.catch(() => undefined),
  );
  return next;
}

/** Runs a work now when the current context is inside one of this data source's transactions, else in its turn. */
function inTurn<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  return insideTransaction.getStore() === dataSource ? work() : oneAtATime(dataSource, work);
}

/**
 * Runs a work that holds the data source's connection from its first
 * statement to its last (a transaction it begins and ends itself): in its
 * turn, and every statement it sends runs at once, never queued behind the
 * work itself.
 */
export function holdingTheConnection<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  return inTurn(dataSource, () => insideTransaction.run(dataSource, work));
}

/**
 * Makes an embedded SQLite data source run its work one piece at a time.
 * TypeORM's better-sqlite3 driver has one connection for everything: two
 * transactions at once nested (the second a savepoint of the first), and a
 * statement another request sent while a transaction was open ran inside it,
 * so that transaction's rollback undid rows already acknowledged. Here a
 * transaction (`dataSource.transaction`, `dataSource.manager.transaction`)
 * holds the connection until it ends, and every statement from outside it
 * (a query, a repository's insert, a read) waits its turn; inside it, a
 * statement or a nested transaction (a savepoint) runs at once. TypeORM's own
 * implicit transaction of a `save` or `remove` is not one unit of the queue:
 * write in an explicit transaction where it matters.
 */
export function serialiseTransactions(dataSource: DataSource): DataSource {
  const { manager, driver } = dataSource;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) =>
    holdingTheConnection(dataSource, () => transaction(...args))) as typeof manager.transaction;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  const turned = new WeakSet<object>();
  driver.createQueryRunner = ((...args: Parameters<typeof driver.createQueryRunner>) => {
    const runner = createQueryRunner(...args);
    if (!turned.has(runner)) {
      turned.add(runner);
      const query = runner.query.bind(runner) as (...queryArgs: unknown[]) => Promise<unknown>;
      runner.query = ((...queryArgs: unknown[]) => inTurn(dataSource, () => query(...queryArgs))) as typeof runner.query;
    }
    return runner;
  }) as typeof driver.createQueryRunner;
  return dataSource;
}
