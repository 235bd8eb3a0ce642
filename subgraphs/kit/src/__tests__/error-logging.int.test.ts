import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../../test/support/memory-logger';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { createDataSource, openDatabase } from '../data/data-source-factory';
import { createFormatError } from '../http/format-error';

/** A synthetic national id, in every statement below: it must reach no log line. */
const NATIONAL_ID = 'ZZ000777';

describe.each(ENGINES)('a failing statement on %s is logged without its values', (engine) => {
  let database: TestDatabase;
  let dataSource: ReturnType<typeof createDataSource>;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'error_logging');
    dataSource = await openDatabase(createDataSource(database.config, { entities: [], migrations: [] }));
    await dataSource.query('CREATE TABLE person (national_id VARCHAR(16) PRIMARY KEY, born INTEGER CHECK (born > 1900))');
    await dataSource.query(`INSERT INTO person (national_id, born) VALUES ('${NATIONAL_ID}', 1980)`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** Runs a statement that fails, and returns what the subgraph's error formatter logged of it. */
  async function loggedFailure(statement: string, parameters: unknown[]): Promise<{ logged: string; answered: unknown }> {
    const failure = await dataSource.query(statement, parameters).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const { logger, text } = memoryLogger();
    const resolverError = new GraphQLError('unexpected', { originalError: failure as Error, path: ['person'] });
    const answered = createFormatError(logger, true)({ message: 'unexpected' }, resolverError);
    return { logged: text(), answered };
  }

  const placeholder = engine === 'postgres' ? '$1' : '?';
  it('a duplicate key: no national id in the log nor in the answer', async () => {
    const { logged, answered } = await loggedFailure(`INSERT INTO person (national_id, born) VALUES (${placeholder}, 1990)`, [NATIONAL_ID]);
    expect(logged).toContain('QueryFailedError');
    expect(logged).not.toContain(NATIONAL_ID);
    expect(JSON.stringify(answered)).not.toContain(NATIONAL_ID);
  });

  it('a value of the wrong type or breaking a constraint: no value in the log', async () => {
    const statement =
      engine === 'postgres'
        ? `SELECT CAST(${placeholder} AS integer)`
        : `INSERT INTO person (national_id, born) VALUES ('ZZ000778', ${placeholder})`;
    const { logged } = await loggedFailure(statement, engine === 'postgres' ? [NATIONAL_ID] : [1800]);
    expect(logged).toContain('"code"');
    expect(logged).not.toContain(NATIONAL_ID);
    expect(logged).not.toContain('1800');
  });
});
