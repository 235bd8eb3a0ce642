import { seedDatabase, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../app';
import { loadConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { PersonEntity } from '../entities/person.entity';
import { beneficiariesSeed } from '../seed/seed';

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
const CNSS: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['beneficiary:write'] };
const row = (nationalId: string, extra: Record<string, unknown> = {}) => ({
  nationalId,
  firstName: 'Synthetique',
  lastName: 'Bord',
  birthDate: '1990-01-01',
  sex: 'F',
  regime: 'AMO_TNS',
  role: 'INSURED',
  memberNumber: `M-${nationalId}`,
  validFrom: '2026-01-01',
  status: 'ACTIVE',
  ...extra,
});
type Answer = {
  data?: {
    upsertAffiliations: { applied: number; rows: { index: number; status: string; code: string | null; message: string | null }[] };
  } | null;
  errors?: { extensions?: { code?: string } }[];
};

describe.each(ENGINES)('a batch row with a control character on %s', (engine) => {
  let database: TestDatabase;
  let app: BeneficiariesApp;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'batch_control_characters');
    const dataSource = beneficiariesDataSource(database.config);
    await seedDatabase(dataSource, beneficiariesSeed, { persons: 5, seed: 3 });
    app = await buildBeneficiariesApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
  });
  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it.each([
    ['a NUL in the first name', { firstName: 'Ali\u0000' }, 'firstName'],
    ['a line break in the last name', { lastName: 'Bord\nX' }, 'lastName'],
    ['a NUL in the member number', { memberNumber: 'M\u00001' }, 'memberNumber'],
  ])('refuses %s alone, naming the field, and applies the rest', async (_why, change, field) => {
    const suffix = String(field.length).padStart(2, '0') + String(_why.length).padStart(2, '0');
    const good = `ZY51${suffix}`;
    const bad = `ZY52${suffix}`;
    const answer = await executeAs<Answer>(
      app,
      UPSERT,
      { batch: { idempotencyKey: `control-characters-${engine}-${suffix}`, organism: 'CNSS', rows: [row(good), row(bad, change)] } },
      CNSS,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.upsertAffiliations.rows).toEqual([
      { index: 0, status: 'APPLIED', code: null, message: null },
      { index: 1, status: 'REJECTED', code: 'BAD_USER_INPUT', message: expect.stringContaining(field) },
    ]);
    expect(await app.dataSource.getRepository(PersonEntity).countBy({ nationalId: bad })).toBe(0);
  });
});
