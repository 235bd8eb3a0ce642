import { createDataSource, openDatabase } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { beneficiariesDataSource } from '../data-source';
import { InitialRegistry1764000000000 } from '../migrations/1764000000000-initial-registry';
import { CareRelationship1766000000000 } from '../migrations/1766000000000-care-relationship';

/** The registry as it was before the owned-writes migrations, with one batch per OG under the same key. */
async function registryBefore(database: TestDatabase) {
  const old = createDataSource(database.config, {
    entities: [],
    migrations: [InitialRegistry1764000000000, CareRelationship1766000000000],
  });
  await openDatabase(old);
  const postgres = old.options.type === 'postgres';
  const p = (i: number) => (postgres ? `$${i}` : '?');
  await old.query(
    `INSERT INTO affiliation_batch (idempotency_key, organism, content_hash, result_json, created_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})`,
    ['cnss-2025-0001', 'CNSS', 'a'.repeat(64), '{"applied":1}', '2025-12-01T10:00:00.000Z'],
  );
  await old.destroy();
}

/** Undoes migrations, newest first, until `name` is the last one applied. */
async function rollBackTo(dataSource: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last] = (await dataSource.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1')) as { name: string }[];
    if (!last || last.name === name) return;
    await dataSource.undoLastMigration({ transaction: 'each' });
  }
}

describe.each(ENGINES)('beneficiaries migrations on %s', (engine) => {
  let database: TestDatabase | undefined;

  afterEach(async () => {
    await database?.drop();
  });

  it('scopes the idempotency keys already used to the organism that wrote them, adds the identity-conflict queue, and rolls back', async () => {
    database = await createTestDatabase(engine, 'beneficiaries_migrations');
    await registryBefore(database);
    const upgraded = beneficiariesDataSource(database.config);
    await openDatabase(upgraded);
    expect(await upgraded.query('SELECT writer_org, idempotency_key, organism FROM affiliation_batch')).toEqual([
      { writer_org: 'CNSS', idempotency_key: 'cnss-2025-0001', organism: 'CNSS' },
    ]);
    // ANAM's review queue of identity conflicts exists, empty.
    expect(await upgraded.query('SELECT id FROM identity_conflict')).toEqual([]);
    // The same key is free for another organisation now.
    const postgres = upgraded.options.type === 'postgres';
    await upgraded.query(
      `INSERT INTO affiliation_batch (writer_org, idempotency_key, organism, content_hash, result_json, created_at) VALUES (${postgres ? '$1, $2, $3, $4, $5, $6' : '?, ?, ?, ?, ?, ?'})`,
      ['CNOPS', 'cnss-2025-0001', 'CNOPS', 'b'.repeat(64), '{"applied":2}', '2026-01-01T10:00:00.000Z'],
    );
    await rollBackTo(upgraded, 'CareRelationship1766000000000');
    // Rolled back: one key, one batch, the earliest.
    expect(await upgraded.query('SELECT idempotency_key, organism FROM affiliation_batch')).toEqual([
      { idempotency_key: 'cnss-2025-0001', organism: 'CNSS' },
    ]);
    await upgraded.destroy();
  });
});
