import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource, openDatabase } from '../data/data-source-factory';
import { preparedQuery } from '../data/prepared-query';
import { sqlPlaceholders } from '../data/sql-placeholders';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';

describe.each(ENGINES)('prepared reads on %s', (engine) => {
  let database: TestDatabase;
  let dataSource: ReturnType<typeof createDataSource>;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'kit_prepared');
    dataSource = await openDatabase(createDataSource(database.config, { entities: [], migrations: [] }));
    await dataSource.query('CREATE TABLE person_probe (ref VARCHAR(8) PRIMARY KEY, day DATE NOT NULL)');
    await dataSource.query(`INSERT INTO person_probe (ref, day) VALUES ('r1', '2026-03-02'), ('r2', '2026-03-03')`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('answers the same rows as a plain query, call after call, whatever the list length', async () => {
    for (const refs of [['r1'], ['r1', 'r2'], ['r2'], ['r1', 'r2']]) {
      const text = `SELECT ref, CAST(day AS TEXT) AS day FROM person_probe WHERE ref IN (${sqlPlaceholders(dataSource, refs.length)}) ORDER BY ref`;
      expect(await preparedQuery(dataSource, text, refs)).toEqual(await dataSource.query(text, refs));
    }
    const one = `SELECT ref FROM person_probe WHERE ref = ${sqlPlaceholders(dataSource, 1)}`;
    expect(await preparedQuery(dataSource, one, ['none'])).toEqual([]);
  });
});
