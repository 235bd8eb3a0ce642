import { addDays, seedDatabase, SERVED_PERSONS_EXTENSION, todayIn, type Caller, type ServedPerson } from '@cmb/kit';
import { EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { testCaller } from '../../../../test/support/test-caller';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../app';
import { loadConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { PersonEntity } from '../entities/person.entity';
import { beneficiariesSeed } from '../seed/seed';
import { ENROLMENT_FILED_AHEAD_DAYS } from '../rules/real-enrolment';

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

/** P01's identity in the registry. */
const P01_IDENTITY = { firstName: 'Amal', lastName: 'Testuser', birthDate: '1985-04-12', sex: 'F' };
const CNSS: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['beneficiary:write', 'beneficiary:read'] };
const CNOPS: Partial<Caller> = { clientId: 'og-cnops', org: 'CNOPS', orgKind: 'OG', purposes: ['beneficiary:write', 'beneficiary:read'] };
const ANAM: Partial<Caller> = { clientId: 'anam-registry', org: 'ANAM', orgKind: 'REGULATOR', purposes: ['beneficiary:read'] };
/** The OG that writes its own organism's batches, the only writer there is. */
const writerFor = (organism: string): Partial<Caller> => ({
  clientId: `og-${organism.toLowerCase()}`,
  org: organism,
  orgKind: 'OG',
  purposes: ['beneficiary:write'],
});
const IDENTITY = 'firstName lastName birthDate sex';
const IDENTITY_CONFLICTS = /* GraphQL */ `
  query ($first: Int, $after: String) {
    identityConflicts(first: $first, after: $after) {
      nodes { id organism idempotencyKey rowIndex differs submitted { ${IDENTITY} } receivedAt person { ref ${IDENTITY} } }
      endCursor
      hasNextPage
    }
  }
`;
const PERSON = /* GraphQL */ `query ($id: String!) { person(nationalId: $id) { ${IDENTITY} affiliations { organism status } } }`;

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

  async function upsert(batch: Record<string, unknown>, caller: Partial<Caller> = writerFor(String(batch.organism))) {
    return executeAs<{
      data?: { upsertAffiliations: BatchResult } | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
      extensions?: Record<string, unknown>;
    }>(app, UPSERT, { batch }, caller);
  }

  async function execute(query: string, variables: Record<string, unknown>, caller: Partial<Caller>) {
    return executeAs(app, query, variables, caller);
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
    // The persons its applied rows created, named to the gateway for the audit trail; none of the rejected rows.
    const reported = (result.extensions?.[SERVED_PERSONS_EXTENSION] ?? []) as ServedPerson[];
    expect(reported.map((p) => [p.nationalId, p.organisms]).sort()).toEqual([
      ['ZY100001', ['CNOPS']],
      ['ZY100002', ['CNOPS']],
      ['ZY100004', ['CNOPS']],
    ]);
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
      rows: [row('ZZ000001', { ...P01_IDENTITY, regime: 'AMO_SALARIES_PRIVE', validFrom: '2012-01-01', memberNumber: 'CNZZ00000001' })],
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
    const asOg = (org: string, batch: Record<string, unknown>) => upsert(batch, writerFor(org));
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

  it("never overwrites a known person's identity: a differing row is rejected alone with IDENTITY_CONFLICT and queued for ANAM", async () => {
    const key = `cnss-identity-0001-${engine}`;
    const result = await upsert(
      {
        idempotencyKey: key,
        organism: 'CNSS',
        rows: [
          // Another first name and birth date for P01: a different person, or an error? Flagged, not guessed (R1).
          row('ZZ000001', {
            ...P01_IDENTITY,
            firstName: 'Amina',
            birthDate: '1985-04-21',
            regime: 'AMO_SALARIES_PRIVE',
            memberNumber: 'CNZZ00000001',
            validFrom: '2012-01-01',
          }),
          // The same identity written otherwise (case, accents, spaces) is no conflict.
          row('ZZ000001', {
            firstName: '  ÂMAL ',
            lastName: 'testusér',
            birthDate: '1985-04-12',
            sex: 'F',
            regime: 'AMO_SALARIES_PRIVE',
            memberNumber: 'CNZZ00000001',
            validFrom: '2012-01-01',
          }),
          row('ZY100070', { regime: 'AMO_SALARIES_PRIVE' }),
        ],
      },
      CNSS,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.upsertAffiliations.rows.map((r) => [r.status, r.code])).toEqual([
      ['REJECTED', 'IDENTITY_CONFLICT'],
      ['APPLIED', null],
      ['APPLIED', null],
    ]);
    expect(result.data?.upsertAffiliations.rows[0]?.message).not.toContain('Amina');
    // The registry keeps its identity, written as it was.
    const p01 = await execute(PERSON, { id: 'ZZ000001' }, ANAM);
    expect(p01.data?.person).toMatchObject(P01_IDENTITY);

    const queue = await execute(IDENTITY_CONFLICTS, { first: 10 }, ANAM);
    expect(queue.errors).toBeUndefined();
    const conflicts = (queue.data?.identityConflicts as { nodes: Record<string, unknown>[] }).nodes.filter((n) => n.idempotencyKey === key);
    expect(conflicts).toEqual([
      {
        id: expect.any(String),
        organism: 'CNSS',
        idempotencyKey: key,
        rowIndex: 0,
        differs: ['firstName', 'birthDate'],
        // What the row said, and only where it differs.
        submitted: { firstName: 'Amina', lastName: null, birthDate: '1985-04-21', sex: null },
        receivedAt: expect.anything(),
        person: { ref: expect.any(String), ...P01_IDENTITY },
      },
    ]);
  });

  it('serves the identity conflicts to ANAM only, newest first, in pages', async () => {
    for (const [i, firstName] of ['Badra', 'Batoul', 'Basma'].entries()) {
      await upsert(
        {
          idempotencyKey: `cnss-identity-page-${i}-${engine}`,
          organism: 'CNSS',
          rows: [row('ZZ000001', { ...P01_IDENTITY, firstName, regime: 'AMO_SALARIES_PRIVE' })],
        },
        CNSS,
      );
    }
    const first = await execute(IDENTITY_CONFLICTS, { first: 2 }, ANAM);
    const page1 = first.data?.identityConflicts as {
      nodes: { submitted: { firstName: string } }[];
      endCursor: string;
      hasNextPage: boolean;
    };
    expect(page1.nodes.map((n) => n.submitted.firstName)).toEqual(['Basma', 'Batoul']);
    expect(page1.hasNextPage).toBe(true);
    const next = await execute(IDENTITY_CONFLICTS, { first: 2, after: page1.endCursor }, ANAM);
    expect((next.data?.identityConflicts as { nodes: { submitted: { firstName: string } }[] }).nodes[0]?.submitted.firstName).toBe('Badra');
    const malformed = await execute(IDENTITY_CONFLICTS, { after: 'not-a-cursor' }, ANAM);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_MALFORMED' });

    for (const caller of [
      CNSS,
      { ...CNOPS, purposes: ['beneficiary:read'] },
      { clientId: 'hopital-zzp00004', org: 'ZZP00004', orgKind: 'ESTABLISHMENT', purposes: ['beneficiary:read'] },
    ]) {
      const refused = await execute(IDENTITY_CONFLICTS, { first: 10 }, caller);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IDENTITY_REVIEW_ANAM_ONLY' });
    }
  });

  it("refuses a CLOSED row for another OG's member this OG never covered, so a closed row gives no sight of them; new persons' closed history is still accepted", async () => {
    const result = await upsert(
      {
        idempotencyKey: `cnops-closed-0001-${engine}`,
        organism: 'CNOPS',
        rows: [
          // P07 is CNSS's member (diabetic, with prior approvals in care-pathways): CNOPS never covered her.
          row('ZZ000007', {
            firstName: 'Ghita',
            lastName: 'Horsparcours',
            birthDate: '1968-05-15',
            validFrom: '2001-01-01',
            validUntil: '2002-12-31',
            status: 'CLOSED',
          }),
          // Migrated history of a person new to the registry.
          row('ZY100080', { validFrom: '2001-01-01', validUntil: '2002-12-31', status: 'CLOSED' }),
        ],
      },
      CNOPS,
    );
    expect(result.data?.upsertAffiliations.rows.map((r) => [r.status, r.code])).toEqual([
      ['REJECTED', 'ENROLMENT_REQUIRED'],
      ['APPLIED', null],
    ]);
    const seen = await execute(PERSON, { id: 'ZZ000007' }, CNOPS);
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.person).toBeNull();
    expect((await execute(PERSON, { id: 'ZY100080' }, CNOPS)).data?.person).toMatchObject({
      affiliations: [{ organism: 'CNOPS', status: 'CLOSED' }],
    });
    // An OG still closes its own members' affiliations.
    const own = await upsert(
      {
        idempotencyKey: `cnss-closed-0002-${engine}`,
        organism: 'CNSS',
        rows: [
          row('ZZ000007', {
            firstName: 'Ghita',
            lastName: 'Horsparcours',
            birthDate: '1968-05-15',
            regime: 'AMO_SALARIES_PRIVE',
            memberNumber: 'CNZZ00000007',
            validFrom: '2005-09-01',
            validUntil: '2005-09-02',
            status: 'CLOSED',
          }),
        ],
      },
      CNSS,
    );
    expect(own.data?.upsertAffiliations.applied).toBe(1);
  });

  it("refuses, as a closed row, a row whose period does not cover today for another OG's member, before any identity check; a real enrolment still applies", async () => {
    const today = todayIn('Africa/Casablanca');
    // ZZ000018 is CNOPS's member since 2009; ZZ000003 was CNSS's until 2025-06-30. CNSS never covered the one, CNOPS the other.
    const nadia = { firstName: 'Nadia', lastName: 'Assuree', birthDate: '1981-03-09', sex: 'F', regime: 'AMO_SALARIES_PRIVE' };
    const chama = { firstName: 'Chama', lastName: 'Exemple', birthDate: '1990-09-03', sex: 'F' };
    const refused = await upsert({
      idempotencyKey: `cnss-backdated-0001-${engine}`,
      organism: 'CNSS',
      rows: [
        // A backdated active period with the right identity, then a suspended one with a guessed identity: neither answer tells.
        row('ZZ000018', { ...nadia, validFrom: '2005-01-01', validUntil: '2005-12-31' }),
        row('ZZ000018', {
          ...nadia,
          firstName: 'Naima',
          validFrom: '2006-01-01',
          validUntil: '2006-12-31',
          status: 'SUSPENDED',
          suspensionReason: 'UNPAID_CONTRIBUTIONS',
        }),
      ],
    });
    expect(refused.data?.upsertAffiliations.rows.map((r) => [r.status, r.code])).toEqual([
      ['REJECTED', 'ENROLMENT_REQUIRED'],
      ['REJECTED', 'ENROLMENT_REQUIRED'],
    ]);
    expect((await execute(PERSON, { id: 'ZZ000018' }, { ...CNSS, purposes: ['beneficiary:read'] })).data?.person).toBeNull();
    // Rights that open beyond the filing window are no enrolment either; rights that open today are one.
    const enrolment = await upsert({
      idempotencyKey: `cnops-enrolment-0001-${engine}`,
      organism: 'CNOPS',
      rows: [
        row('ZZ000003', { ...chama, validFrom: addDays(today, ENROLMENT_FILED_AHEAD_DAYS + 1) }),
        row('ZZ000003', { ...chama, validFrom: today }),
      ],
    });
    expect(enrolment.data?.upsertAffiliations.rows.map((r) => [r.status, r.code])).toEqual([
      ['REJECTED', 'ENROLMENT_REQUIRED'],
      ['APPLIED', null],
    ]);
  });

  it.each<[string, Partial<Caller>]>([
    ['another OG', writerFor('CNSS')],
    ['ANAM, even holding the purpose', { ...ANAM, purposes: ['beneficiary:write'] }],
  ])("refuses a batch for CNOPS's members written by %s (FORBIDDEN), changing nothing", async (_label, caller) => {
    const before = await persons();
    const result = await upsert(
      { idempotencyKey: `foreign-writer-${String(caller.org)}-${engine}`, organism: 'CNOPS', rows: [row('ZY100050')] },
      caller,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await persons()).toBe(before);
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
