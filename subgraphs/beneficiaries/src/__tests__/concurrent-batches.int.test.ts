import { lockNamesInTransaction, NAME_LOCK_STRIPES, seedDatabase, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../app';
import { loadConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { AffiliationEntity } from '../entities/affiliation.entity';
import { PersonEntity } from '../entities/person.entity';
import { beneficiariesSeed } from '../seed/seed';

/**
 * Batches of two OGs about the same person, committed at the same time, on
 * PostgreSQL (several connections): each checks one person, one regime (R4)
 * against what the other committed, and batches naming the same persons in
 * opposite orders both end.
 */
const UPSERT = /* GraphQL */ `
  mutation ($batch: AffiliationBatchInput!) {
    upsertAffiliations(batch: $batch) {
      applied
      rejected
      rows {
        code
      }
    }
  }
`;
const writer = (org: string): Partial<Caller> => ({
  clientId: `og-${org.toLowerCase()}`,
  org,
  orgKind: 'OG',
  purposes: ['beneficiary:write'],
});
const row = (nationalId: string, regime: string, extra: Record<string, unknown> = {}) => ({
  nationalId,
  firstName: 'Synthetique',
  lastName: 'Course',
  birthDate: '1990-01-01',
  sex: 'F',
  regime,
  role: 'INSURED',
  memberNumber: `M-${nationalId}`,
  validFrom: '2026-01-01',
  status: 'ACTIVE',
  ...extra,
});

describe('two OGs writing about the same persons at the same time (postgres)', () => {
  let database: TestDatabase;
  let app: BeneficiariesApp;
  const upsert = (batch: Record<string, unknown>) =>
    executeAs<{ data?: { upsertAffiliations: { applied: number; rejected: number } }; errors?: unknown[] }>(
      app,
      UPSERT,
      { batch },
      writer(String(batch.organism)),
    );

  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'beneficiaries_concurrent_batches');
    const dataSource = beneficiariesDataSource(database.config);
    await seedDatabase(dataSource, beneficiariesSeed, { persons: 5, seed: 3 });
    app = await buildBeneficiariesApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
  });
  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('never leaves two active overlapping regimes, whatever the timing', async () => {
    let doubles = 0;
    for (let i = 0; i < 10; i += 1) {
      const id = `ZY7${String(i).padStart(5, '0')}`;
      // A person known to the registry through a past CNOPS affiliation, closed.
      const closed = row(id, 'AMO_SALARIES_PUBLIC', { status: 'CLOSED', validFrom: '2020-01-01', validUntil: '2021-01-01' });
      await upsert({ idempotencyKey: `race-seed-${i}`, organism: 'CNOPS', rows: [closed] });
      const answers = await Promise.all([
        upsert({ idempotencyKey: `race-cnss-${i}`, organism: 'CNSS', rows: [row(id, 'AMO_TNS')] }),
        upsert({ idempotencyKey: `race-cnops-${i}`, organism: 'CNOPS', rows: [row(id, 'AMO_SALARIES_PUBLIC')] }),
      ]);
      // One applied, the other refused as a double registration: never both.
      expect(answers.map((answer) => answer.data?.upsertAffiliations.applied).sort()).toEqual([0, 1]);
      const person = await app.dataSource.getRepository(PersonEntity).findOneByOrFail({ nationalId: id });
      const active = await app.dataSource.getRepository(AffiliationEntity).findBy({ personRef: person.ref, status: 'ACTIVE' });
      if (active.length > 1) doubles += 1;
    }
    expect(doubles).toBe(0);
  });

  it('ends both of two batches naming the same persons in opposite orders', async () => {
    for (let i = 0; i < 5; i += 1) {
      const ids = [`ZY8${String(2 * i).padStart(5, '0')}`, `ZY8${String(2 * i + 1).padStart(5, '0')}`];
      const answers = await Promise.all([
        upsert({ idempotencyKey: `order-cnss-${i}`, organism: 'CNSS', rows: ids.map((id) => row(id, 'AMO_TNS')) }),
        upsert({
          idempotencyKey: `order-cnops-${i}`,
          organism: 'CNOPS',
          rows: [...ids].reverse().map((id) => row(id, 'AMO_SALARIES_PUBLIC')),
        }),
      ]);
      expect(answers.map((answer) => answer.errors)).toEqual([undefined, undefined]);
      expect(answers.map((answer) => answer.data?.upsertAffiliations.applied).sort()).toEqual([0, 2]);
    }
  });

  it('takes a bounded number of PostgreSQL locks, however many persons a batch names (the lock table is shared)', async () => {
    const names = Array.from({ length: 3_000 }, (_, n) => `person:ZY9${String(n).padStart(5, '0')}`);
    const taken = await app.dataSource.transaction(async (manager) => {
      await lockNamesInTransaction(manager, names);
      const [row] = (await manager.query(
        "SELECT count(*)::int AS locks FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()",
      )) as { locks: number }[];
      return row?.locks;
    });
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThanOrEqual(NAME_LOCK_STRIPES);
  });
});
