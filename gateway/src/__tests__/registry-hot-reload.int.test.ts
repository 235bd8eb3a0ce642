import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  contextPublicKeysFrom,
  createLogger,
  createSubgraphHandler,
  listen,
  type Caller,
  type RunningServer,
  type SubgraphDatabase,
} from '@cmb/kit';
import { parse } from 'graphql';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegistryApp, type RegistryApp } from '../../../subgraphs/registry/src/app';
import { loadConfig as loadRegistryConfig } from '../../../subgraphs/registry/src/config';
import { ogSubgraphSdl } from '../../../subgraphs/registry/src/__tests__/og-subgraph-sdl';
import { createTestDatabase, ENGINES, itOn, type TestDatabase } from '../../../test/support/test-database';
import { testCaller } from '../../../test/support/test-caller';
import { buildGatewayApp, type GatewayApp } from '../app';
import { loadGatewayConfig } from '../config';
import { SUPERGRAPH_VERSION_HEADER } from '../pipeline/graphql/stamp-supergraph-version';
import { openRegistryClient } from '../supergraph/registry-client';

/** The national subgraph of this test's build: one slow field. */
const DEMO_SDL = ogSubgraphSdl('type Query {\n  slow(ms: Int!): String @public(reason: "test data")\n}');
/** The OG subgraph published while the gateway runs. */
const CNSS_SDL = ogSubgraphSdl('type Query {\n  cnssDemo: String @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE)\n}');
const CNSS: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['registry:publish'] };

/** A subgraph answering the given SDL's root fields, behind the kit's signed-context check. */
async function startSubgraph(name: string, sdl: string, resolvers: Record<string, unknown>): Promise<RunningServer> {
  const logger = createLogger(name, 'silent');
  const built = await createSubgraphHandler({
    config: {
      name,
      logLevel: 'silent',
      production: false,
      gatewayContext: { publicKeys: contextPublicKeysFrom({}, false, name), clockSkewSeconds: 5 },
    },
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: { Query: resolvers } as never }),
    dataSource: { isInitialized: true, query: (async () => []) as SubgraphDatabase['query'], destroy: async () => undefined },
    logger,
    createContext: () => ({}),
  });
  const running = await listen(built.handler, { host: '127.0.0.1', port: 0, logger, acceptAfterStopMs: 0, drainTimeoutMs: 1_000 });
  return { ...running, close: async () => (await running.close(), await built.apollo.stop()) };
}

const until = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe.each(ENGINES)('a gateway following the registry on %s', (engine) => {
  let database: TestDatabase;
  let registry: RegistryApp;
  let gateway: GatewayApp;
  let served: RunningServer;
  let subgraphs: RunningServer[];
  let dir: string;
  let registryEnv: Record<string, string>;

  const post = async (query: string) => {
    const response = await fetch(`${served.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return {
      version: response.headers.get(SUPERGRAPH_VERSION_HEADER),
      body: (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] },
    };
  };
  const readiness = async () => {
    const response = await fetch(`${served.url}/readyz`);
    return { status: response.status, body: (await response.json()) as Record<string, Record<string, unknown>> };
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'registry-follow');
    dir = mkdtempSync(join(tmpdir(), 'cmb-follow-'));
    subgraphs = [
      await startSubgraph('demo', DEMO_SDL, {
        slow: async (_: unknown, { ms }: { ms: number }) => (await new Promise((r) => setTimeout(r, ms)), 'slow'),
      }),
      await startSubgraph('cnss-demo', CNSS_SDL, { cnssDemo: () => 'cnss' }),
    ];
    const build = join(dir, 'composition.json');
    writeFileSync(
      build,
      JSON.stringify({
        about: 'test',
        composedAt: '',
        supergraphSha256: '',
        subgraphs: [{ name: 'demo', url: `${subgraphs[0]?.url}/graphql`, sdl: DEMO_SDL }],
      }),
    );
    registry = await buildRegistryApp({
      ...loadRegistryConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REGISTRY_BUILD_COMPOSITION: build }),
      database: database.config,
    });
    registryEnv = database.config.url
      ? { REGISTRY_DATABASE_URL: database.config.url }
      : { REGISTRY_SQLITE_PATH: database.config.sqlitePath };
    gateway = await buildGatewayApp(
      loadGatewayConfig({
        NODE_ENV: 'test',
        AUTH_MODE: 'off',
        AUDIT_MODE: 'off',
        LOG_LEVEL: 'silent',
        SUPERGRAPH_POLL_MS: '100',
        FIELD_USAGE_FLUSH_MS: '200',
        ...registryEnv,
      }),
    );
    served = await listen(gateway.handler, { host: '127.0.0.1', port: 0, logger: gateway.logger, acceptAfterStopMs: 0 });
  });

  afterAll(async () => {
    await served?.close();
    await gateway?.close();
    await registry?.apollo.stop();
    if (registry?.dataSource.isInitialized) await registry.dataSource.destroy();
    for (const subgraph of subgraphs ?? []) await subgraph.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts on the registry's latest supergraph and names its version and hash on /readyz and /metrics", async () => {
    const latest = await registry.registry.supergraph(null);
    const ready = await readiness();
    expect(ready.status).toBe(200);
    expect(ready.body.supergraph).toMatchObject({ version: 1, sha256: latest?.sha256, source: 'registry' });
    expect(ready.body.registry).toMatchObject({ following: true });
    const answer = await post('{ slow(ms: 1) }');
    expect(answer).toEqual({ version: '1', body: { data: { slow: 'slow' } } });
  });

  it('swaps in a published supergraph: a request in flight finishes on the old one, the next ones run on the new', async () => {
    const inFlight = post('{ slow(ms: 1500) }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const published = await registry.registry.publish(testCaller(CNSS), {
      name: 'cnss-demo',
      routingUrl: `${subgraphs[1]?.url}/graphql`,
      sdl: CNSS_SDL,
    });
    expect(published.supergraph.version).toBe(2);
    await until(async () => (await readiness()).body.supergraph?.version === 2);
    expect(await post('{ cnssDemo }')).toEqual({ version: '2', body: { data: { cnssDemo: 'cnss' } } });
    expect(await inFlight).toEqual({ version: '1', body: { data: { slow: 'slow' } } });
    const ready = await readiness();
    expect(ready.body.supergraph).toMatchObject({ version: 2, sha256: published.supergraph.sha256, ogSubgraphs: ['cnss-demo'] });
    const metrics = (await new Promise<string>((resolve) => {
      const chunks: string[] = [];
      const res = { writeHead: () => undefined, end: (text: string) => resolve(chunks.concat(text).join('')) };
      void gateway.metricsHandler({ url: '/metrics' } as never, res as never);
    })) as string;
    expect(metrics).toContain(`cmb_gateway_supergraph_info{version="2",sha256="${published.supergraph.sha256}",source="registry"} 1`);
    expect(metrics).toMatch(/cmb_gateway_supergraph_version 2/);
  });

  it('counts the fields served into the registry, adding up the counts of every gateway', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const count = async () =>
      Number(
        (
          (await registry.dataSource.query(
            `SELECT requests FROM registry_field_usage WHERE coordinate = 'Query.cnssDemo' AND day = '${today}'`,
          )) as { requests: number | string }[]
        )[0]?.requests ?? 0,
      );
    await until(async () => (await count()) >= 1);
    const before = await count();
    const other = openRegistryClient(database.config.url ? { url: database.config.url } : { sqlitePath: database.config.sqlitePath });
    await other.addUsage(today, new Map([['Query.cnssDemo', 5]]));
    await other.close();
    expect(await count()).toBe(before + 5);
  });

  it('never replaces a working supergraph with one that fails to load', async () => {
    await registry.dataSource.query(
      `INSERT INTO registry_supergraph (version, sha256, sdl, members, access_matrix, cause, composed_by_client, composed_by_org, composed_at) VALUES (3, 'bad', 'type Query { broken }', '[]', '', 'PUBLISH', 'test', 'ANAM', '2026-03-02T00:00:00.000Z')`,
    );
    await until(async () => ((await readiness()).body.registry?.rejected as { version?: number } | null)?.version === 3);
    const ready = await readiness();
    expect(ready.status).toBe(200);
    expect(ready.body.supergraph).toMatchObject({ version: 2 });
    expect((await post('{ cnssDemo }')).version).toBe('2');
    await registry.dataSource.query('DELETE FROM registry_supergraph WHERE version = 3');
  });

  itOn('postgres', engine)('serves its last good supergraph while the registry is unreachable, ready, and says so', async () => {
    const admin = new Client({ connectionString: new URL('/postgres', database.config.url ?? '').toString() });
    const name = new URL(database.config.url ?? '').pathname.slice(1);
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await until(async () => (await readiness()).body.registry?.reachable === false);
      const ready = await readiness();
      expect(ready.status).toBe(200);
      expect(ready.body.supergraph).toMatchObject({ version: 2 });
      expect(await post('{ cnssDemo }')).toEqual({ version: '2', body: { data: { cnssDemo: 'cnss' } } });
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await until(async () => (await readiness()).body.registry?.reachable === true);
  });
});
