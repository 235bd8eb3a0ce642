import { seedDatabase, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../app';
import { loadConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { beneficiariesSeed } from '../seed/seed';

/**
 * Who owns each write (SECURITY.md, rule 1b): a dependant row names its
 * insured by national id (`insuredNationalId`), and only one of the OG's own
 * insured is taken. Another OG's insured is refused exactly as an unknown
 * national id, so a batch is no oracle of who is registered, and no OG writes
 * a dependant link into another OG's member's family.
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
      }
    }
  }
`;
const DEPENDANTS = /* GraphQL */ `
  query ($id: String!) {
    person(nationalId: $id) {
      dependants {
        nationalId
      }
    }
  }
`;

const CNOPS: Partial<Caller> = { clientId: 'og-cnops', org: 'CNOPS', orgKind: 'OG', purposes: ['beneficiary:write'] };
const ANAM: Partial<Caller> = { clientId: 'anam-registry', org: 'ANAM', orgKind: 'REGULATOR', purposes: ['beneficiary:read'] };

/** CNOPS's own dummy member, declared as a child of whoever it probes. */
const probeRow = (insuredNationalId: string) => ({
  nationalId: 'ZY777001',
  firstName: 'Sonde',
  lastName: 'Fictive',
  birthDate: '2015-01-01',
  sex: 'F',
  regime: 'AMO_SALARIES_PUBLIC',
  role: 'CHILD',
  insuredNationalId,
  memberNumber: 'M-ZY777001',
  validFrom: '2026-01-01',
  status: 'ACTIVE',
});

describe('dependant rows naming another OG member as insured (sqlite)', () => {
  let database: TestDatabase;
  let app: BeneficiariesApp;

  async function run(query: string, variables: Record<string, unknown>, caller: Partial<Caller>) {
    return executeAs<{ data?: Record<string, ReturnType<typeof JSON.parse>> | null; errors?: unknown[] }>(app, query, variables, caller);
  }

  beforeAll(async () => {
    database = await createTestDatabase('sqlite', 'dependant_insured');
    const dataSource = beneficiariesDataSource(database.config);
    await seedDatabase(dataSource, beneficiariesSeed, { persons: 20, seed: 7 });
    app = await buildBeneficiariesApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('answers a probe of a person only CNSS covered exactly as one of an unknown national id', async () => {
    // ZZ000003: CNSS only, rights closed (no active row, so no DUPLICATE_REGISTRATION could tell). ZZ000002: unknown.
    const cnssOnly = await run(
      UPSERT,
      { batch: { idempotencyKey: 'cnops-probe-0001', organism: 'CNOPS', rows: [probeRow('ZZ000003')] } },
      CNOPS,
    );
    const unknown = await run(
      UPSERT,
      { batch: { idempotencyKey: 'cnops-probe-0002', organism: 'CNOPS', rows: [probeRow('ZZ000002')] } },
      CNOPS,
    );
    const outcome = (r: typeof cnssOnly) =>
      r.data?.upsertAffiliations.rows.map((row: { status: string; code: string | null }) => [row.status, row.code]);
    expect(outcome(unknown)).toEqual([['REJECTED', 'BAD_USER_INPUT']]);
    // Applied, it would tell CNOPS that ZZ000003 is in the registry.
    expect(outcome(cnssOnly)).toEqual(outcome(unknown));
  });

  it('takes as insured only one the OG covers as INSURED, not one of its dependants', async () => {
    const row = (nationalId: string, role: string, insuredNationalId?: string) => ({
      ...probeRow(insuredNationalId ?? ''),
      nationalId,
      role,
      insuredNationalId,
      memberNumber: `M-${nationalId}`,
    });
    const answer = await run(
      UPSERT,
      {
        batch: {
          idempotencyKey: 'cnops-insured-roles',
          organism: 'CNOPS',
          rows: [row('ZY888001', 'INSURED'), row('ZY888002', 'CHILD', 'ZY888001'), row('ZY888003', 'CHILD', 'ZY888002')],
        },
      },
      CNOPS,
    );
    const outcome = answer.data?.upsertAffiliations.rows.map((r: { status: string; code: string | null }) => [r.status, r.code]);
    expect(outcome).toEqual([
      ['APPLIED', null],
      ['APPLIED', null],
      ['REJECTED', 'BAD_USER_INPUT'],
    ]);
  });

  it("writes no CNOPS dependant into a CNSS member's family", async () => {
    const anam = await run(DEPENDANTS, { id: 'ZZ000003' }, ANAM);
    // Applied, ANAM would read CNOPS's member as a child of CNSS's.
    expect(anam.data?.person?.dependants ?? []).toEqual([]);
  });
});
