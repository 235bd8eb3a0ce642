import { seedDatabase, SERVED_PERSONS_EXTENSION, syntheticPersonRef, type Caller, type ServedPerson } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../app';
import { loadConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { beneficiariesSeed } from '../seed/seed';

/**
 * Every entry reports the persons it served (SECURITY.md, rule 7a): ANAM's
 * review queue of identity conflicts serves a person's identity (the
 * registry's, and the one an OG submitted), so the answer names each
 * person in `cmbServedPersons` for the gateway's audit event, whether the
 * registry's identity (`person`) is selected or not.
 */
const UPSERT = /* GraphQL */ `
  mutation ($batch: AffiliationBatchInput!) {
    upsertAffiliations(batch: $batch) {
      rows {
        status
        code
      }
    }
  }
`;
const CONFLICTS = /* GraphQL */ `
  {
    identityConflicts(first: 10) {
      nodes {
        person {
          ref
          nationalId
          firstName
          lastName
          birthDate
        }
      }
    }
  }
`;
const CNSS: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['beneficiary:write'] };
const ANAM: Partial<Caller> = { clientId: 'anam-registry', org: 'ANAM', orgKind: 'REGULATOR', purposes: ['beneficiary:read'] };
const P01 = syntheticPersonRef('ZZ000001');

describe('identity conflicts and the audit trail', () => {
  let database: TestDatabase;
  let app: BeneficiariesApp;

  const execute = (query: string, variables: Record<string, unknown>, caller: Partial<Caller>) => executeAs(app, query, variables, caller);

  beforeAll(async () => {
    database = await createTestDatabase('sqlite', 'identity_conflicts_audit');
    const dataSource = beneficiariesDataSource(database.config);
    await seedDatabase(dataSource, beneficiariesSeed, { persons: 20, seed: 5 });
    app = await buildBeneficiariesApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
  });

  afterAll(async () => {
    await app?.apollo.stop();
    await app?.drain();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('reports to the gateway the person of every identity conflict it serves', async () => {
    const batch = {
      idempotencyKey: 'identity-conflicts-audit',
      organism: 'CNSS',
      rows: [
        {
          nationalId: 'ZZ000001',
          firstName: 'Amalia',
          lastName: 'Testuser',
          birthDate: '1985-04-12',
          sex: 'F',
          regime: 'AMO_SALARIES_PRIVE',
          role: 'INSURED',
          memberNumber: 'M-ZZ000001',
          validFrom: '2026-01-01',
          status: 'ACTIVE',
        },
      ],
    };
    const written = await execute(UPSERT, { batch }, CNSS);
    expect(written.errors).toBeUndefined();
    expect((written.data?.upsertAffiliations as { rows: { code: string }[] }).rows[0]?.code).toBe('IDENTITY_CONFLICT');

    const read = await execute(CONFLICTS, {}, ANAM);
    expect(read.errors).toBeUndefined();
    const served = (read.data?.identityConflicts as { nodes: { person: { ref: string; nationalId: string } }[] }).nodes;
    expect(served.map((node) => node.person.nationalId)).toContain('ZZ000001');
    const reported = (read.extensions?.[SERVED_PERSONS_EXTENSION] ?? []) as ServedPerson[];
    expect(reported.map((person) => person.ref)).toContain(P01);
    // The submitted identity alone is a person's data too.
    const submittedOnly = await execute('{ identityConflicts(first: 10) { nodes { submitted { firstName lastName } } } }', {}, ANAM);
    expect(submittedOnly.errors).toBeUndefined();
    expect(((submittedOnly.extensions?.[SERVED_PERSONS_EXTENSION] ?? []) as ServedPerson[]).map((person) => person.ref)).toContain(P01);
  });
});
