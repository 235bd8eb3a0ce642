import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const PERSON_FILES = /* GraphQL */ `
  query PersonFiles($nationalId: String!) {
    person(nationalId: $nationalId) {
      firstName
      cnssClaimFiles {
        fileNumber
        status
        overdue
        reimbursementDueBy
        filedWithinDeadline
        amountClaimed
        careSheets {
          careType
          providerInpe
        }
      }
    }
  }
`;
const FILES_ONLY = /* GraphQL */ `
  query ($nationalId: String!) {
    person(nationalId: $nationalId) {
      cnssClaimFiles {
        fileNumber
      }
    }
  }
`;
const OVERDUE = /* GraphQL */ `
  query {
    cnssOverdueClaimFiles(first: 5) {
      edges {
        node {
          fileNumber
          overdue
          receivedOn
          person {
            firstName
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`;
const FILE = /* GraphQL */ `
  query ($number: String!) {
    cnssClaimFile(fileNumber: $number) {
      fileNumber
      status
      filedWithinDeadline
    }
  }
`;

describe('the sample OG subgraph, cnss-claims, through the gateway', () => {
  const gateway = inject('gatewayUrl');
  let audit: Client;
  beforeAll(async () => {
    audit = new Client({ connectionString: inject('auditAdminUrl') });
    await audit.connect();
  });
  afterAll(() => audit?.end());

  it("serves CNSS its member's files beside the registry's identity, the deadlines of R14, and audits the access", async () => {
    const headers = { ...(await authAs('og-cnss', 'beneficiary:read')), 'x-request-id': `e2e-cnss-files-${Date.now()}` };
    const answer = await postGraphQL<{ person: { firstName: string; cnssClaimFiles: Record<string, unknown>[] } }>(
      gateway,
      PERSON_FILES,
      { nationalId: 'ZZ000001' },
      headers,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.person.firstName).toBe('Amal');
    expect(answer.body.data?.person.cnssClaimFiles.map((f) => [f.fileNumber, f.overdue])).toEqual([
      ['CNSS-RB-0000003', false],
      ['CNSS-RB-0000001', false],
      ['CNSS-RB-0000002', true],
    ]);
    expect(answer.body.data?.person.cnssClaimFiles[2]).toMatchObject({ status: 'UNDER_REVIEW', reimbursementDueBy: '2025-09-02' });
    const { rows } = await audit.query<{ body: string; subgraphs: string[] }>('SELECT body FROM audit_event WHERE request_id = $1', [
      headers['x-request-id'],
    ]);
    expect(rows).toHaveLength(1);
    const event = JSON.parse(rows[0]?.body ?? '{}') as { fieldPaths: string[]; subgraphs: string[]; organisms: string[] };
    expect(event.fieldPaths).toEqual(['person']);
    expect(event.subgraphs).toEqual(expect.arrayContaining(['beneficiaries', 'cnss-claims']));
    expect(event.organisms).toContain('CNSS');
  });

  it("gives CNSS nothing of another OG's member, and another OG nothing of CNSS's files", async () => {
    const cnssOnCnopsMember = await postGraphQL(
      gateway,
      FILES_ONLY,
      { nationalId: 'ZZ000008' },
      await authAs('og-cnss', 'beneficiary:read'),
    );
    expect(cnssOnCnopsMember.body).toEqual({ data: { person: null } });
    const cnopsOnCnssMember = await postGraphQL(
      gateway,
      FILES_ONLY,
      { nationalId: 'ZZ000001' },
      await authAs('og-cnops', 'beneficiary:read'),
    );
    expect(cnopsOnCnssMember.body).toEqual({ data: { person: null } });
    const cnopsByNumber = await postGraphQL(gateway, FILE, { number: 'CNSS-RB-0000001' }, await authAs('og-cnops', 'beneficiary:read'));
    expect(cnopsByNumber.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OG_OWN_MEMBERS_ONLY' });
    expect(JSON.stringify(cnopsByNumber.body.data)).not.toContain('REIMBURSED');
  });

  it('refuses ANAM the files of a person it may otherwise read', async () => {
    const answer = await postGraphQL<{ person: unknown }>(
      gateway,
      FILES_ONLY,
      { nationalId: 'ZZ000001' },
      await authAs('anam-registry', 'beneficiary:read'),
    );
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OG_OWN_MEMBERS_ONLY' });
    expect(JSON.stringify(answer.body.data ?? {})).not.toContain('CNSS-RB');
  });

  it('refuses a care client the files under its purpose before any subgraph is called', async () => {
    const answer = await postGraphQL(gateway, FILE, { number: 'CNSS-RB-0000001' }, await authAs('cabinet-zzp00001', 'eligibility:check'));
    expect(answer.status).toBe(403);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', refusedPaths: ['cnssClaimFile'] });
  });

  it('lists the overdue files to CNSS, each with its person from the registry', async () => {
    const answer = await postGraphQL<{
      cnssOverdueClaimFiles: { edges: { node: { overdue: boolean; person: { firstName: string } | null } }[] };
    }>(gateway, OVERDUE, {}, await authAs('og-cnss', 'beneficiary:read'));
    expect(answer.body.errors).toBeUndefined();
    const edges = answer.body.data?.cnssOverdueClaimFiles.edges ?? [];
    expect(edges.length).toBeGreaterThan(0);
    for (const { node } of edges) expect(node.overdue).toBe(true);
    expect(edges.some(({ node }) => node.person?.firstName)).toBe(true);
  });

  it('flags a file filed after the configured filing deadline', async () => {
    const answer = await postGraphQL(gateway, FILE, { number: 'CNSS-RB-0000005' }, await authAs('og-cnss', 'beneficiary:read'));
    expect(answer.body).toEqual({
      data: { cnssClaimFile: { fileNumber: 'CNSS-RB-0000005', status: 'REJECTED', filedWithinDeadline: false } },
    });
  });
});
