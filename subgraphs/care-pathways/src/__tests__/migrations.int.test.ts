import { createDataSource, openDatabase } from '@cmb/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { carePathwaysDataSource } from '../data-source';
import { InitialPathways1764000000400 } from '../migrations/1764000000400-initial-pathways';

const WRITE_COLUMNS = ['recorded_by', 'request_id', 'recorded_at'];

describe.each(ENGINES)('care-pathways migrations on %s', (engine) => {
  let database: TestDatabase | undefined;

  afterEach(async () => {
    await database?.drop();
  });

  it('adds who wrote each record, the protocol, the prior approval request and decision, and the write keys to data loaded before, and rolls back', async () => {
    database = await createTestDatabase(engine, 'care_pathways_migrations');
    const before = createDataSource(database.config, { entities: [], migrations: [InitialPathways1764000000400] });
    await openDatabase(before);
    const p = (i: number) => (before.options.type === 'postgres' ? `$${i}` : '?');
    await before.query(
      `INSERT INTO prior_approval (id, person_ref, organism, care_type, act_code, status, valid_from, valid_until) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(p).join(', ')})`,
      [
        'a0000000-0000-4000-8000-000000000001',
        'b0000000-0000-4000-8000-000000000001',
        'CNSS',
        'HOSPITALISATION',
        null,
        'GRANTED',
        '2026-02-15',
        '2026-04-15',
      ],
    );
    await before.destroy();

    const upgraded = carePathwaysDataSource(database.config);
    await openDatabase(upgraded);
    const runner = upgraded.createQueryRunner();
    const columns = async (table: string) => (await runner.getTable(table))?.columns.map((c) => c.name) ?? [];
    for (const table of ['referring_doctor', 'referral', 'long_term_illness'])
      expect(await columns(table)).toEqual(expect.arrayContaining(WRITE_COLUMNS));
    expect(await columns('long_term_illness')).toEqual(expect.arrayContaining(['protocol_code', 'protocol_version']));
    expect(await columns('prior_approval')).toEqual(
      expect.arrayContaining([
        'planned_on',
        'requested_by',
        'requested_at',
        'request_id',
        'decided_at',
        'decision_request_id',
        'refusal_reason',
      ]),
    );
    // The approval loaded before keeps its data; the new columns are empty.
    expect(await upgraded.query('SELECT status, requested_by, refusal_reason FROM prior_approval')).toEqual([
      { status: 'GRANTED', requested_by: null, refusal_reason: null },
    ]);
    expect(await upgraded.query('SELECT writer_org FROM pathway_write')).toEqual([]);

    await upgraded.undoLastMigration({ transaction: 'each' });
    expect(await columns('prior_approval')).not.toContain('requested_by');
    expect(await columns('referral')).not.toContain('recorded_by');
    expect(await runner.hasTable('pathway_write')).toBe(false);
    expect(await upgraded.query('SELECT status FROM prior_approval')).toEqual([{ status: 'GRANTED' }]);
    await upgraded.runMigrations({ transaction: 'each' });
    expect(await columns('prior_approval')).toContain('requested_by');
    await runner.release();
    await upgraded.destroy();
  });
});
