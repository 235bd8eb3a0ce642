import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { createDataSource } from '../data/data-source-factory';

/**
 * TypeORM's better-sqlite3 driver has one connection for the whole data
 * source: a write made outside any transaction (a `dataSource.query`, a
 * repository's `insert`/`delete`/`update`: the consent blocks of
 * medical-records, the care relationships' purge of beneficiaries...) while
 * another request's transaction was open ran inside that transaction:
 * acknowledged to its caller, then undone by that transaction's rollback.
 * `serialiseTransactions` makes it wait its turn.
 */
describe('a plain write while a transaction is open, on SQLite', () => {
  let dir: string;
  let dataSource: DataSource;

  afterEach(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a write it acknowledged when a concurrent transaction rolls back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-serialised-'));
    dataSource = createDataSource({ sqlitePath: join(dir, 'db.sqlite') }, { entities: [], migrations: [] });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE note (text TEXT NOT NULL)');

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    // A request's transaction: writes, awaits something (another statement, a lookup), then is refused.
    const refused = dataSource.transaction(async (manager) => {
      await manager.query("INSERT INTO note (text) VALUES ('refused batch')");
      inside();
      await gate;
      throw new Error('row refused: whole batch rolled back');
    });
    await entered;
    // Another request's write, outside any transaction: once it returns, the caller is told it is done.
    const plain = dataSource.query("INSERT INTO note (text) VALUES ('acknowledged block')");
    release();
    await expect(refused).rejects.toThrow(/rolled back/);
    await plain;

    const rows = (await dataSource.query('SELECT text FROM note')) as { text: string }[];
    expect(rows.map((row) => row.text)).toEqual(['acknowledged block']);
  });

  it('runs a transaction started through the data source inside another as a savepoint, without waiting for itself', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-serialised-'));
    dataSource = createDataSource({ sqlitePath: join(dir, 'db.sqlite') }, { entities: [], migrations: [] });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE note (text TEXT NOT NULL)');
    await dataSource.transaction(async (manager) => {
      await manager.query("INSERT INTO note (text) VALUES ('outer')");
      await dataSource.transaction((inner) => inner.query("INSERT INTO note (text) VALUES ('inner')"));
      await dataSource.query("INSERT INTO note (text) VALUES ('plain, inside')");
    });
    const rows = (await dataSource.query('SELECT text FROM note ORDER BY rowid')) as { text: string }[];
    expect(rows.map((row) => row.text)).toEqual(['outer', 'inner', 'plain, inside']);
  });
});
