import { lockNamesInTransaction, NAME_LOCK_STRIPES } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { AffiliationEntity } from '../entities/affiliation.entity';
import { PersonEntity } from '../entities/person.entity';
import { insuredRow, ogWriter, useBeneficiariesApp } from './support/beneficiaries-test-app';

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
/** A row of a batch about `nationalId` under `regime`. */
const row = (nationalId: string, regime: string, extra: Record<string, unknown> = {}) => insuredRow(nationalId, { regime, ...extra });

describe('two OGs writing about the same persons at the same time (postgres)', () => {
  const subgraph = useBeneficiariesApp('postgres', { name: 'beneficiaries_concurrent_batches', persons: 5, seed: 3 });
  const upsert = (batch: Record<string, unknown>) =>
    subgraph.execute<{ upsertAffiliations: { applied: number; rejected: number } }>(UPSERT, { batch }, ogWriter(String(batch.organism)));

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
      const person = await subgraph.app().dataSource.getRepository(PersonEntity).findOneByOrFail({ nationalId: id });
      const active = await subgraph.app().dataSource.getRepository(AffiliationEntity).findBy({ personRef: person.ref, status: 'ACTIVE' });
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
    const taken = await subgraph.app().dataSource.transaction(async (manager) => {
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
