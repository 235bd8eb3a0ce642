import { describe, expect, it } from 'vitest';
import { PersonEntity } from '../entities/person.entity';
import { insuredRow, ogWriter, useBeneficiariesApp } from './support/beneficiaries-test-app';

/**
 * On SQLite (the embedded default, `npm start`) TypeORM's better-sqlite3 driver has ONE query runner:
 * two `dataSource.transaction` calls running at the same time nest (the second is a SAVEPOINT inside the
 * first), so one batch's commit releases the other's savepoint and one batch's rollback undoes the other's
 * "committed" rows. Its transactions run one after the other (kit `serialiseTransactions`): an acknowledged
 * batch (applied: 1, no error) is in the registry afterwards, and a key reused at once is refused as such.
 */
const UPSERT = /* GraphQL */ `
  mutation ($batch: AffiliationBatchInput!) {
    upsertAffiliations(batch: $batch) {
      applied
      rejected
      replayed
      rows {
        code
      }
    }
  }
`;
type Answer = { upsertAffiliations: { applied: number } };

describe('two batches at the same moment on SQLite', () => {
  const subgraph = useBeneficiariesApp('sqlite', { name: 'sqlite_concurrent_batches', persons: 5, seed: 3 });
  const upsert = (batch: Record<string, unknown>, org = 'CNSS') => subgraph.execute<Answer>(UPSERT, { batch }, ogWriter(org));

  it('keeps every batch it acknowledged, when a concurrent one fails (a retry with other content under the same key)', async () => {
    const [first, second] = await Promise.all([
      upsert({ idempotencyKey: 'same-key-1', organism: 'CNSS', rows: [insuredRow('ZY600001')] }),
      upsert({ idempotencyKey: 'same-key-1', organism: 'CNSS', rows: [insuredRow('ZY600002')] }),
    ]);
    const persons = subgraph.app().dataSource.getRepository(PersonEntity);
    const kept = {
      ZY600001: await persons.countBy({ nationalId: 'ZY600001' }),
      ZY600002: await persons.countBy({ nationalId: 'ZY600002' }),
    };
    // One applied, the other refused as a reused key (never an internal error) ...
    const codes = [first, second].map((answer) => answer.errors?.[0]?.extensions?.code ?? 'APPLIED');
    expect({ codes: codes.sort(), kept }).toEqual({
      codes: ['APPLIED', 'IDEMPOTENCY_CONFLICT'].sort(),
      kept: first.errors ? { ZY600001: 0, ZY600002: 1 } : { ZY600001: 1, ZY600002: 0 },
    });
  });

  it('keeps both of two batches of two OGs sent at the same moment, or leaves nothing of a failed one', async () => {
    const persons = subgraph.app().dataSource.getRepository(PersonEntity);
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const ids = [`ZY61${i}001`, `ZY61${i}002`, `ZY62${i}001`, `ZY62${i}002`];
      const answers = await Promise.all([
        upsert({ idempotencyKey: `two-ogs-a-${i}`, organism: 'CNSS', rows: [insuredRow(ids[0] as string), insuredRow(ids[1] as string)] }),
        upsert(
          {
            idempotencyKey: `two-ogs-b-${i}`,
            organism: 'CNOPS',
            rows: [ids[2], ids[3]].map((id) => insuredRow(id as string, { regime: 'AMO_SALARIES_PUBLIC' })),
          },
          'CNOPS',
        ),
      ]);
      const kept = await Promise.all(ids.map((id) => persons.countBy({ nationalId: id })));
      outcomes.push(answers.map((a, n) => `${a.errors?.[0]?.extensions?.code ?? 'APPLIED'}:${kept[2 * n]}${kept[2 * n + 1]}`).join(' '));
    }
    // Both applied and kept, every time (a lost or partial batch shows as :00/:10/:01 beside an error code).
    expect(outcomes).toEqual(Array.from({ length: 6 }, () => 'APPLIED:11 APPLIED:11'));
  });
});
