import { seedDatabase, SERVED_PERSONS_EXTENSION, syntheticPersonRef, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedSubgraph, type SignedSubgraph } from '../../../../test/support/signed-subgraph';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { buildCnssClaimsApp, type CnssClaimsApp } from '../app';
import { loadConfig } from '../config';
import { cnssClaimsDataSource } from '../data-source';
import { cnssClaimsSeed } from '../seed/seed';

const P01 = syntheticPersonRef('ZZ000001');
const CNSS: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['beneficiary:read'] };
const FILES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        ref
        cnssClaimFiles {
          fileNumber
          status
          overdue
          receivedOn
          reimbursementDueBy
          filedWithinDeadline
          amountClaimed
          amountReimbursed
          careSheets {
            careType
            providerInpe
          }
        }
      }
    }
  }
`;
const FILE = /* GraphQL */ `
  query ($number: String!) {
    cnssClaimFile(fileNumber: $number) {
      fileNumber
      status
      overdue
      filedWithinDeadline
      filingDeadline
      reimbursedLate
      reimbursementDueBy
      person {
        ref
      }
      rulesVersion
    }
  }
`;
const OVERDUE = /* GraphQL */ `
  query ($first: Int!, $after: String) {
    cnssOverdueClaimFiles(first: $first, after: $after) {
      edges {
        cursor
        node {
          fileNumber
          status
          overdue
          receivedOn
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const person = (ref: string) => ({ representations: [{ __typename: 'Person', ref }] });
/** A cursor written by hand: the text the subgraph encodes, base64url. */
const handMade = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe.each(ENGINES)('the CNSS claims subgraph on %s', (engine) => {
  let database: TestDatabase;
  let app: CnssClaimsApp;
  let subgraph: SignedSubgraph;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'cnss-claims');
    const dataSource = cnssClaimsDataSource(database.config);
    await seedDatabase(dataSource, cnssClaimsSeed, { persons: 600, seed: 7 });
    app = await buildCnssClaimsApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
    subgraph = await signedSubgraph(app.handler, 'cnss-claims');
  });

  afterAll(async () => {
    await subgraph?.close();
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it("serves a member's files to CNSS, with the deadlines of R14 and the filing deadline", async () => {
    const answer = await subgraph.post(FILES, person(P01), { ...CNSS, personOrganisms: { [P01]: ['CNSS'] } });
    expect(answer.body.errors).toBeUndefined();
    const [entity] = answer.body.data?._entities as { cnssClaimFiles: Record<string, unknown>[] }[];
    expect(entity?.cnssClaimFiles.map((f) => [f.fileNumber, f.status, f.overdue])).toEqual([
      ['CNSS-RB-0000003', 'RECEIVED', false],
      ['CNSS-RB-0000001', 'REIMBURSED', false],
      ['CNSS-RB-0000002', 'UNDER_REVIEW', true],
    ]);
    expect(entity?.cnssClaimFiles[1]).toMatchObject({
      receivedOn: '2026-01-05',
      reimbursementDueBy: '2026-04-05',
      amountClaimed: 300,
      amountReimbursed: 210,
      filedWithinDeadline: true,
    });
    expect((answer.body as { extensions?: Record<string, { ref: string }[]> }).extensions?.[SERVED_PERSONS_EXTENSION]).toEqual([
      { ref: P01 },
    ]);
  });

  it.each([
    ['CNSS for a person the registry did not report in this request', { ...CNSS }],
    ['CNSS for a person the registry reports covered by another OG', { ...CNSS, personOrganisms: { [P01]: ['CNOPS'] } }],
    [
      'another OG, even told the person is a CNSS member',
      { ...CNSS, clientId: 'og-cnops', org: 'CNOPS', personOrganisms: { [P01]: ['CNSS'] } },
    ],
    [
      'ANAM',
      {
        clientId: 'anam-registry',
        org: 'ANAM',
        orgKind: 'REGULATOR',
        purposes: ['beneficiary:read'],
        personOrganisms: { [P01]: ['CNSS'] },
      },
    ],
    [
      'the patient portal',
      { clientId: 'patient-portal', org: 'PATIENT_PORTAL', orgKind: 'PATIENT_PORTAL', purposes: ['beneficiary:read'] },
    ],
  ])('refuses a person’s files (_entities) to %s', async (_case, caller) => {
    const answer = await subgraph.post(FILES, person(P01), caller);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OG_OWN_MEMBERS_ONLY' });
    expect(JSON.stringify(answer.body.data ?? {})).not.toContain('CNSS-RB');
  });

  it.each([
    ['CNSS-RB-0000005', { status: 'REJECTED', filedWithinDeadline: false, filingDeadline: '2025-10-31', overdue: false }],
    ['CNSS-RB-0000006', { status: 'REIMBURSED', reimbursedLate: true, reimbursementDueBy: '2026-04-10' }],
    ['CNSS-RB-0000004', { status: 'REIMBURSED', reimbursedLate: false }],
  ])('serves file %s to CNSS by number', async (number, expected) => {
    const answer = await subgraph.post(FILE, { number }, CNSS);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.cnssClaimFile).toMatchObject({ fileNumber: number, ...expected, rulesVersion: 'cnss-claims-2026-12' });
  });

  it('refuses a file by number to anyone but CNSS', async () => {
    const answer = await subgraph.post(FILE, { number: 'CNSS-RB-0000001' }, { ...CNSS, clientId: 'og-cnops', org: 'CNOPS' });
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OG_OWN_MEMBERS_ONLY' });
  });

  it('lists the overdue files page by page, oldest receipt first, and nothing else', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const answer = await subgraph.post(OVERDUE, { first: 5, after }, CNSS);
      expect(answer.body.errors).toBeUndefined();
      const connection = answer.body.data?.cnssOverdueClaimFiles as {
        edges: { node: { fileNumber: string; overdue: boolean; status: string; receivedOn: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      for (const { node } of connection.edges) {
        expect(node.overdue).toBe(true);
        seen.push(`${node.receivedOn}|${node.fileNumber}`);
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.some((entry) => entry.endsWith('CNSS-RB-0000002'))).toBe(true);
  });

  it.each([
    [{ first: 5, after: 'not-a-cursor' }, 'CURSOR_MALFORMED'],
    [{ first: 500 }, 'INVALID_VALUE'],
    // A hand-made cursor naming a day that does not exist never reaches the date column (PostgreSQL would refuse the
    // cast: an internal error), nor one this subgraph would not have given (another base64 spelling of its text).
    [{ first: 5, after: handMade('2026-02-30|CNSS-RB-0000001') }, 'CURSOR_MALFORMED'],
    [{ first: 5, after: handMade('2026-13-45|CNSS-RB-0000001') }, 'CURSOR_MALFORMED'],
    [{ first: 5, after: handMade('0000-00-00|CNSS-RB-0000001') }, 'CURSOR_MALFORMED'],
    [{ first: 5, after: handMade('0000-01-01|CNSS-RB-0000001') }, 'CURSOR_MALFORMED'],
    [{ first: 5, after: `${handMade('2026-02-27|CNSS-RB-0000001')}=` }, 'CURSOR_MALFORMED'],
  ])('refuses a malformed page %o', async (variables, reason) => {
    const answer = await subgraph.post(OVERDUE, variables, CNSS);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
  });
});
