import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/support/test-database';
import { PersonEntity } from '../entities/person.entity';
import { insuredRow, ogWriter, useBeneficiariesApp } from './support/beneficiaries-test-app';

/**
 * "Every input is validated at the edge with a stable error code and a message that says what to fix":
 * a row whose name holds a control character (a NUL, which PostgreSQL's text cannot hold) is one bad row of
 * the batch, refused alone (BAD_USER_INPUT naming the field), never the whole batch failing as an internal error.
 */
const UPSERT = /* GraphQL */ `
  mutation ($batch: AffiliationBatchInput!) {
    upsertAffiliations(batch: $batch) {
      applied
      rejected
      rows {
        index
        status
        code
        message
      }
    }
  }
`;
type Answer = {
  upsertAffiliations: { applied: number; rows: { index: number; status: string; code: string | null; message: string | null }[] };
};

describe.each(ENGINES)('a batch row with a control character on %s', (engine) => {
  const subgraph = useBeneficiariesApp(engine, { name: 'batch_control_characters', persons: 5, seed: 3 });

  it.each([
    ['a NUL in the first name', { firstName: 'Ali\u0000' }, 'firstName'],
    ['a line break in the last name', { lastName: 'Bord\nX' }, 'lastName'],
    ['a NUL in the member number', { memberNumber: 'M\u00001' }, 'memberNumber'],
  ])('refuses %s alone, naming the field, and applies the rest', async (_why, change, field) => {
    const suffix = String(field.length).padStart(2, '0') + String(_why.length).padStart(2, '0');
    const good = `ZY51${suffix}`;
    const bad = `ZY52${suffix}`;
    const answer = await subgraph.execute<Answer>(
      UPSERT,
      {
        batch: {
          idempotencyKey: `control-characters-${engine}-${suffix}`,
          organism: 'CNSS',
          rows: [insuredRow(good), insuredRow(bad, change)],
        },
      },
      ogWriter('CNSS'),
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.upsertAffiliations.rows).toEqual([
      { index: 0, status: 'APPLIED', code: null, message: null },
      { index: 1, status: 'REJECTED', code: 'BAD_USER_INPUT', message: expect.stringContaining(field) },
    ]);
    expect(await subgraph.app().dataSource.getRepository(PersonEntity).countBy({ nationalId: bad })).toBe(0);
  });
});
