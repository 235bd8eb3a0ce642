import type { Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { testCaller } from '../../../../test/support/test-caller';
import { buildRegistryApp, type RegistryApp } from '../app';
import { loadConfig } from '../config';
import { ogSubgraphSdl } from './og-subgraph-sdl';

const CNOPS = { clientId: 'og-cnops', org: 'CNOPS', orgKind: 'OG', purposes: ['registry:publish'] } satisfies Partial<Caller>;
const URL = 'http://127.0.0.1:4201/graphql';
const PUBLISH = `mutation ($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { unchanged } }`;
const CHECK = `query ($input: PublishSubgraphInput!) { checkSubgraph(input: $input) { ok } }`;

describe('registry budgets (sqlite)', () => {
  let database: TestDatabase;
  let app: RegistryApp;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite', 'zz_final_6');
    app = await buildRegistryApp({
      ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REGISTRY_CHANGES_PER_HOUR: '2', REGISTRY_CHECKS_PER_MINUTE: '2' }),
      database: database.config,
    });
  }, 120_000);
  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });
  const run = async (query: string, variables: Record<string, unknown>) => {
    const response = await app.apollo.executeOperation({ query, variables }, { contextValue: app.createContext(testCaller(CNOPS)) });
    if (response.body.kind !== 'single') throw new Error('single');
    return response.body.singleResult as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
  };
  // Unclassified field: refused by CLASSIFICATION, but composition still runs.
  const refusedSdl = (i: number) => ogSubgraphSdl(`type Query { cnopsFile${i}(fileNumber: String!): String }`);

  it('a refused publish composes without counting against either budget', async () => {
    const input = (i: number) => ({ input: { name: 'cnops-claims', routingUrl: URL, sdl: refusedSdl(i) } });
    // Dry runs: the budget of 2 is spent.
    await run(CHECK, input(0));
    await run(CHECK, input(1));
    expect((await run(CHECK, input(2))).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // The same work through publish: never held.
    const reasons: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const started = performance.now();
      const answer = await run(PUBLISH, input(i));
      console.log(i, answer.errors?.[0]?.extensions?.reason, Math.round(performance.now() - started), 'ms');
      reasons.push(String(answer.errors?.[0]?.extensions?.reason));
    }
    expect(reasons).toContain('REGISTRY_CHECKS_PER_MINUTE');
  }, 300_000);
});
