import { seedDatabase, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedSubgraph, type SignedSubgraph } from '../../../../test/support/signed-subgraph';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { buildCnssClaimsApp, type CnssClaimsApp } from '../app';
import { loadConfig } from '../config';
import { cnssClaimsDataSource } from '../data-source';
import { cnssClaimsSeed } from '../seed/seed';

// A hand-made cursor naming a day that does not exist is refused before it reaches the `date` column
// (PostgreSQL would refuse the cast: an internal error instead of CURSOR_MALFORMED), as is any
// cursor this subgraph would not have given.
const CNSS: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['beneficiary:read'] };
const OVERDUE = /* GraphQL */ `
  query ($first: Int!, $after: String) {
    cnssOverdueClaimFiles(first: $first, after: $after) {
      edges {
        cursor
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`;
const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe.each(ENGINES)('the overdue list on %s, given a hand-made cursor', (engine) => {
  let database: TestDatabase;
  let app: CnssClaimsApp;
  let subgraph: SignedSubgraph;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'cnss-claims');
    const dataSource = cnssClaimsDataSource(database.config);
    await seedDatabase(dataSource, cnssClaimsSeed, { persons: 50, seed: 7 });
    app = await buildCnssClaimsApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config }, dataSource);
    subgraph = await signedSubgraph(app.handler, 'cnss-claims');
  });

  afterAll(async () => {
    await subgraph?.close();
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it.each([
    cursor('2026-02-30|CNSS-RB-0000001'),
    cursor('2026-13-45|CNSS-RB-0000001'),
    cursor('0000-00-00|CNSS-RB-0000001'),
    // PostgreSQL has no year 0.
    cursor('0000-01-01|CNSS-RB-0000001'),
    // The same text under another base64 spelling (padding) is not a cursor this subgraph gave.
    `${cursor('2026-02-27|CNSS-RB-0000001')}=`,
  ])('refuses %s as CURSOR_MALFORMED, never an internal error', async (after) => {
    const answer = await subgraph.post(OVERDUE, { first: 5, after }, CNSS);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_MALFORMED' });
  });

  it('takes the cursor it gave back', async () => {
    const first = await subgraph.post(OVERDUE, { first: 1 }, CNSS);
    const after = (first.body.data as { cnssOverdueClaimFiles: { edges: { cursor: string }[] } }).cnssOverdueClaimFiles.edges[0]?.cursor;
    expect(after).toBeTruthy();
    const next = await subgraph.post(OVERDUE, { first: 1, after }, CNSS);
    expect(next.body.errors).toBeUndefined();
  });
});
