import { seedDatabase, type Caller } from '@cmb/kit';
import { EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { testCaller } from '../../../../test/support/test-caller';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../app';
import { loadConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { PersonEntity } from '../entities/person.entity';
import { beneficiariesSeed } from '../seed/seed';

const UPSERT = /* GraphQL */ `
  mutation ($batch: AffiliationBatchInput!) {
    upsertAffiliations(batch: $batch) {
      idempotencyKey
      replayed
      applied
      rejected
      rows {
        index
        status
        code
        message
        conflictingOrganism
      }
    }
  }
`;
const HISTORY = /* GraphQL */ `
  query ($nationalId: String!) {
    affiliationHistory(nationalId: $nationalId) {
      organism
      regime
      role
      status
    }
  }
`;

interface BatchResult {
  idempotencyKey: string;
  replayed: boolean;
  applied: number;
  rejected: number;
  rows: { index: number; status: string; code: string | null; message: string | null; conflictingOrganism: string | null }[];
}

const row = (nationalId: string, extra: Record<string, unknown> = {}) => ({
  nationalId,
  firstName: 'Synthetique',
  lastName: 'Lot',
  birthDate: '1990-01-01',
  sex: 'F',
  regime: 'AMO_SALARIES_PUBLIC',
  role: 'INSURED',
  memberNumber: `M-${nationalId}`,
  validFrom: '2026-01-01',
  status: 'ACTIVE',
  ...extra,
});

describe.each(ENGINES)('affiliation batches on %s', (engine) => {
  let database: TestDatabase;
  let app: BeneficiariesApp;

  async function upsert(batch: Record<string, unknown>, caller: Partial<Caller> = {}) {
    const response = await app.apollo.executeOperation(
      { query: UPSERT, variables: { batch } },
      { contextValue: app.createContext(testCaller(caller)) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as {
      data?: { upsertAffiliations: BatchResult } | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
  }

  const persons = () => app.dataSource.getRepository(PersonEntity).count();

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'batches');
    const dataSource = beneficiariesDataSource(database.config);
    await seedDatabase(dataSource, beneficiariesSeed, { persons: 50, seed: 11 });
    app = await buildBeneficiariesApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('commits the valid rows together and reports the invalid ones, row by row', async () => {
    const before = await persons();
    const result = await upsert({
      idempotencyKey: `cnops-batch-0001-${engine}`,
      organism: 'CNOPS',
      rows: [
        row('ZY100001'),
        row('bad id !'),
        row('ZY100002', { role: 'CHILD', insuredNationalId: 'ZY100001', birthDate: '2016-05-05' }),
        row('ZY100003', { regime: 'AMO_TNS' }),
        row('ZY100004', { role: 'SPOUSE', insuredNationalId: 'ZY100001' }),
      ],
    });
    expect(result.errors).toBeUndefined();
    const batch = result.data?.upsertAffiliations as BatchResult;
    expect(batch.applied).toBe(3);
    expect(batch.rejected).toBe(2);
    expect(batch.rows.map((r) => r.status)).toEqual(['APPLIED', 'REJECTED', 'APPLIED', 'REJECTED', 'APPLIED']);
    expect(batch.rows[1]?.code).toBe('BAD_USER_INPUT');
    expect(batch.rows[1]?.message).not.toContain('bad id');
    expect(batch.rows[3]?.message).toContain('regime');
    expect(await persons()).toBe(before + 3);
  });

  it('applies a retried batch once and returns the first result', async () => {
    const batch = { idempotencyKey: `cnops-batch-0002-${engine}`, organism: 'CNOPS', rows: [row('ZY100010')] };
    const first = await upsert(batch);
    const count = await persons();
    const retry = await upsert(batch);
    expect(retry.data?.upsertAffiliations).toEqual({ ...first.data?.upsertAffiliations, replayed: true });
    expect(await persons()).toBe(count);
  });

  it('refuses a different batch under a used key', async () => {
    await upsert({ idempotencyKey: `cnops-batch-0003-${engine}`, organism: 'CNOPS', rows: [row('ZY100020')] });
    const reused = await upsert({ idempotencyKey: `cnops-batch-0003-${engine}`, organism: 'CNOPS', rows: [row('ZY100021')] });
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('refuses a second active regime a priori, naming the organism that holds it', async () => {
    const result = await upsert({ idempotencyKey: `cnops-batch-0004-${engine}`, organism: 'CNOPS', rows: [row('ZZ000001')] });
    const [rejected] = result.data?.upsertAffiliations.rows ?? [];
    expect(rejected).toMatchObject({ status: 'REJECTED', code: 'DUPLICATE_REGISTRATION', conflictingOrganism: 'CNSS' });
    expect(rejected?.message).toContain('CNSS');
    expect(rejected?.message).not.toContain('ZZ000001');
  });

  it('accepts the same OG updating its own affiliation', async () => {
    const result = await upsert({
      idempotencyKey: `cnss-batch-0005-${engine}`,
      organism: 'CNSS',
      rows: [row('ZZ000001', { regime: 'AMO_SALARIES_PRIVE', validFrom: '2012-01-01', memberNumber: 'CNZZ00000001' })],
    });
    expect(result.data?.upsertAffiliations.applied).toBe(1);
    const history = await app.apollo.executeOperation(
      { query: HISTORY, variables: { nationalId: 'ZZ000001' } },
      { contextValue: app.createContext(testCaller()) },
    );
    expect(history.body.kind === 'single' && history.body.singleResult.data?.affiliationHistory).toEqual([
      { organism: 'CNSS', regime: 'AMO_SALARIES_PRIVE', role: 'INSURED', status: 'ACTIVE' },
    ]);
  });

  it.each([
    [
      'an oversized batch',
      { organism: 'CNOPS', rows: Array.from({ length: 1_001 }, (_, i) => row(`ZX${String(i).padStart(6, '0')}`)) },
      'BATCH_TOO_LARGE',
    ],
    ['an empty batch', { organism: 'CNOPS', rows: [] }, 'BATCH_EMPTY'],
    ['an unknown organism', { organism: 'XYZ', rows: [row('ZY100030')] }, 'INVALID_VALUE'],
  ])('refuses %s as a whole with BAD_USER_INPUT', async (_label, batch, reason) => {
    const before = await persons();
    const result = await upsert({ idempotencyKey: `refused-${reason}-${engine}`, ...batch });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    expect(await persons()).toBe(before);
  });

  it("scopes idempotency keys per organisation: one OG cannot occupy, replay or block another's key", async () => {
    const key = `shared-key-0001-${engine}`;
    const asOg = (org: string, batch: Record<string, unknown>) =>
      upsert(batch, { clientId: `og-${org.toLowerCase()}`, org, orgKind: 'OG', purposes: ['beneficiary:write'] });
    const cnss = await asOg('CNSS', { idempotencyKey: key, organism: 'CNSS', rows: [row('ZY100060', { regime: 'AMO_SALARIES_PRIVE' })] });
    expect(cnss.data?.upsertAffiliations).toMatchObject({ replayed: false, applied: 1 });
    // The same key from CNOPS is CNOPS's own: applied, neither refused as a reuse nor answered with CNSS's result.
    const cnops = await asOg('CNOPS', { idempotencyKey: key, organism: 'CNOPS', rows: [row('ZY100061')] });
    expect(cnops.errors).toBeUndefined();
    expect(cnops.data?.upsertAffiliations).toMatchObject({ replayed: false, applied: 1 });
    // Each retry replays its own organisation's first result.
    const cnopsRetry = await asOg('CNOPS', { idempotencyKey: key, organism: 'CNOPS', rows: [row('ZY100061')] });
    expect(cnopsRetry.data?.upsertAffiliations).toEqual({ ...cnops.data?.upsertAffiliations, replayed: true });
    const cnssRetry = await asOg('CNSS', {
      idempotencyKey: key,
      organism: 'CNSS',
      rows: [row('ZY100060', { regime: 'AMO_SALARIES_PRIVE' })],
    });
    expect(cnssRetry.data?.upsertAffiliations).toEqual({ ...cnss.data?.upsertAffiliations, replayed: true });
  });

  it('lets an OG write only for its own organism', async () => {
    const response = await app.apollo.executeOperation(
      {
        query: UPSERT,
        variables: { batch: { idempotencyKey: `cnss-writes-cnops-${engine}`, organism: 'CNOPS', rows: [row('ZY100050')] } },
      },
      { contextValue: app.createContext(testCaller({ org: 'CNSS', orgKind: 'OG', purposes: ['beneficiary:write'] })) },
    );
    expect(response.body.kind === 'single' && response.body.singleResult.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows an OG only its own members and affiliations', async () => {
    const query = /* GraphQL */ `
      query ($id: String!) {
        person(nationalId: $id) {
          firstName
          affiliations {
            organism
          }
        }
      }
    `;
    const asCnss = (id: string) =>
      app.apollo.executeOperation(
        { query, variables: { id } },
        { contextValue: app.createContext(testCaller({ org: 'CNSS', orgKind: 'OG', purposes: ['beneficiary:read'] })) },
      );
    const cnopsMember = await asCnss('ZZ000018');
    expect(cnopsMember.body.kind === 'single' && cnopsMember.body.singleResult.data?.person).toBeNull();
    const doubleRegistered = await asCnss('ZZ000005');
    expect(doubleRegistered.body.kind === 'single' && doubleRegistered.body.singleResult.data?.person).toEqual({
      firstName: 'Eva',
      affiliations: [{ organism: 'CNSS' }],
    });
  });

  it('leaves the data as it was when the database fails mid-batch, and a retry then succeeds', async () => {
    const before = await persons();
    const original = EntityManager.prototype.save;
    let calls = 0;
    const spy = vi.spyOn(EntityManager.prototype, 'save').mockImplementation(function (this: EntityManager, ...args: unknown[]) {
      calls += 1;
      if (calls === 3) return Promise.reject(new Error('disk full (simulated)'));
      return (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    } as never);
    const batch = {
      idempotencyKey: `cnops-batch-0006-${engine}`,
      organism: 'CNOPS',
      rows: [row('ZY100040'), row('ZY100041'), row('ZY100042')],
    };
    const failed = await upsert(batch);
    spy.mockRestore();
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(failed)).not.toContain('disk full');
    expect(await persons()).toBe(before);
    const retried = await upsert(batch);
    expect(retried.data?.upsertAffiliations).toMatchObject({ applied: 3, replayed: false });
  });
});
