import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ogSubgraphSdl } from '../../subgraphs/registry/src/__tests__/og-subgraph-sdl';
import { ROOT } from '../../scripts/lib/federation.mjs';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const run = promisify(execFile);

const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishSubgraphInput!) {
    publishSubgraph(input: $input) {
      unchanged
      subgraph {
        name
        currentVersion
      }
      supergraph {
        version
        sha256
        cause
      }
      warnings {
        check
        field
      }
    }
  }
`;
const ROLLBACK = /* GraphQL */ `
  mutation Rollback($name: String!) {
    rollbackSubgraph(name: $name) {
      subgraph {
        currentVersion
      }
      supergraph {
        version
        sha256
        cause
      }
    }
  }
`;
const RETIRE = /* GraphQL */ `
  mutation Retire($name: String!) {
    retireSubgraph(name: $name) {
      subgraph {
        retired
      }
      supergraph {
        version
        cause
      }
    }
  }
`;
const LATEST = '{ supergraphVersions(first: 1) { version sha256 } }';
const HISTORY = /* GraphQL */ `
  query ($name: String!) {
    subgraphHistory(name: $name) {
      subgraph {
        owner
        currentVersion
      }
      versions {
        version
        requestId
        publishedByClient
      }
    }
  }
`;

interface AuditRow {
  client_id: string;
  decision: string;
  outcome: string;
  stage: string;
  body: string;
}

describe('the subgraph registry through the gateway', () => {
  const gateway = inject('gatewayUrl');
  const cnssUrl = inject('subgraphUrls')['cnss-claims'] ?? '';
  let audit: Client;
  let registry: Client;
  let baseSdl: string;
  let dir: string;

  const as = (client: string) => authAs(client, 'registry:publish');
  const latest = async () =>
    (await postGraphQL<{ supergraphVersions: { version: number; sha256: string }[] }>(gateway, LATEST, {}, await as('og-cnss'))).body.data
      ?.supergraphVersions[0];
  const publish = async (client: string, name: string, sdl: string, requestId: string, routingUrl = cnssUrl) =>
    postGraphQL<{ publishSubgraph: Record<string, unknown> }>(
      gateway,
      PUBLISH,
      { input: { name, routingUrl, sdl } },
      {
        ...(await as(client)),
        'x-request-id': requestId,
      },
    );
  const eventsOf = async (requestId: string) =>
    (
      await audit.query<AuditRow>(
        'SELECT client_id, decision, outcome, stage, body FROM audit_event WHERE request_id = $1 ORDER BY occurred_at, seq',
        [requestId],
      )
    ).rows;
  const servedVersion = async () =>
    ((await (await fetch(new URL('/readyz', gateway))).json()) as { supergraph: { version: number } }).supergraph.version;
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 150 && !(await check()); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await check()).toBe(true);
  };

  beforeAll(async () => {
    audit = new Client({ connectionString: inject('auditAdminUrl') });
    await audit.connect();
    registry = new Client({ connectionString: inject('registryAdminUrl') });
    await registry.connect();
    baseSdl = (await run(process.execPath, [join(ROOT, 'subgraphs/cnss-claims/dist/print-schema.js')], { maxBuffer: 16 << 20 })).stdout;
    dir = mkdtempSync(join(tmpdir(), 'cmb-registry-e2e-'));
  });
  afterAll(async () => {
    await audit?.end();
    await registry?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it("joined cnss-claims by CNSS's own publish (npm run registry, through the gateway), audited as an intent and an outcome", async () => {
    const history = await postGraphQL<{
      subgraphHistory: { subgraph: { owner: string }; versions: { requestId: string; publishedByClient: string }[] };
    }>(gateway, HISTORY, { name: 'cnss-claims' }, await as('og-cnss'));
    expect(history.body.data?.subgraphHistory.subgraph.owner).toBe('CNSS');
    const first = history.body.data?.subgraphHistory.versions.at(-1);
    expect(first).toMatchObject({ publishedByClient: 'og-cnss', requestId: expect.stringMatching(/^registry-cli-/) });
    const events = await eventsOf(first?.requestId ?? '');
    expect(events.map((e) => [e.client_id, e.stage, e.decision, e.outcome])).toEqual([
      ['og-cnss', 'INTENT', 'ALLOWED', 'PENDING'],
      ['og-cnss', 'OUTCOME', 'ALLOWED', 'OK'],
    ]);
    expect(JSON.parse(events[1]?.body ?? '{}').fieldPaths).toEqual(['publishSubgraph']);
  });

  it.each([
    ['another OG publishing CNSS’s subgraph', 'og-cnops', 'cnss-claims', 'REGISTRY_NOT_OWNER'],
    ['an OG publishing a national subgraph', 'og-cnss', 'beneficiaries', 'REGISTRY_NOT_OWNER'],
    ['an OG naming a subgraph after another OG', 'og-cnops', 'cnss-approvals', 'REGISTRY_NAME_NOT_YOURS'],
  ])('refuses %s (FORBIDDEN): nothing changes, the refusal is audited', async (_case, client, name, reason) => {
    const before = await latest();
    const requestId = `e2e-registry-forbidden-${client}-${name}`;
    const answer = await publish(client, name, baseSdl, requestId);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason });
    expect(await latest()).toEqual(before);
    expect((await eventsOf(requestId)).map((e) => [e.stage, e.decision, e.outcome])).toEqual([
      ['INTENT', 'ALLOWED', 'PENDING'],
      ['OUTCOME', 'REFUSED', 'FORBIDDEN'],
    ]);
  });

  it.each([
    [
      'an unclassified field',
      (sdl: string) => sdl.replace('type Query {', 'type Query {\n  cnssUnclassified: Int'),
      'CLASSIFICATION',
      'Query',
      'cnssUnclassified',
    ],
    [
      "a change to a national subgraph's field",
      (sdl: string) =>
        sdl.replace(
          '  ref: ID!\n',
          '  ref: ID!\n  nationalId: String! @shareable @scopes(anyOf: ["beneficiary:read"], sensitivity: IDENTITY)\n',
        ),
      'FOREIGN_TYPE',
      'Person',
      'nationalId',
    ],
    [
      'a field on Person under a purpose the realm does not grant CNSS',
      (sdl: string) =>
        sdl.replace('  ref: ID!\n', '  ref: ID!\n  cnssRecords: [String!]! @scopes(anyOf: ["records:read"], sensitivity: HEALTH)\n'),
      'REALM_PURPOSE',
      'Person',
      'cnssRecords',
    ],
    ['an SDL that does not compose', (sdl: string) => sdl.replace('  ref: ID!\n', '  ref: Int!\n'), 'COMPOSITION', 'Person', 'ref'],
  ])('refuses %s, naming the check, type and field: nothing changes', async (_case, change, check, type, field) => {
    const before = await latest();
    const answer = await publish('og-cnss', 'cnss-claims', change(baseSdl), `e2e-registry-check-${check}`);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REGISTRY_CHECKS_FAILED' });
    expect(answer.body.errors?.[0]?.extensions?.problems).toContainEqual(
      expect.objectContaining({ check, subgraph: 'cnss-claims', type, field }),
    );
    expect(answer.body.errors?.[0]?.message).toContain(check);
    expect(await latest()).toEqual(before);
  });

  it('refuses a breaking change to a field clients used, once the gateways counted its traffic into the registry', async () => {
    await postGraphQL(
      gateway,
      '{ cnssClaimFile(fileNumber: "CNSS-RB-0000001") { status } }',
      {},
      await authAs('og-cnss', 'beneficiary:read'),
    );
    await until(async () => {
      const { rows } = await registry.query(
        "SELECT COALESCE(SUM(requests), 0)::int AS n FROM registry_field_usage WHERE coordinate = 'Query.cnssClaimFile'",
      );
      return (rows[0]?.n ?? 0) > 0;
    });
    const before = await latest();
    const withoutFile = baseSdl.replace(
      /\n *"""A CNSS reimbursement file by its number: CNSS only"""\n *cnssClaimFile\(fileNumber: String!\): CnssClaimFile @scopes\([^\n]*\)/,
      '',
    );
    expect(withoutFile).not.toContain('cnssClaimFile(');
    const answer = await publish('og-cnss', 'cnss-claims', withoutFile, 'e2e-registry-breaking');
    expect(answer.body.errors?.[0]?.extensions?.problems).toContainEqual(
      expect.objectContaining({ check: 'BREAKING_CHANGE', subgraph: 'cnss-claims', type: 'Query', field: 'cnssClaimFile' }),
    );
    expect(await latest()).toEqual(before);
  });

  it('keeps the gateways’ login to the registry from changing its supergraphs', async () => {
    const follower = new Client({ connectionString: inject('gatewayEnv').REGISTRY_DATABASE_URL });
    await follower.connect();
    try {
      await expect(follower.query("UPDATE registry_supergraph SET sdl = 'forged'")).rejects.toThrow(/permission denied/);
      expect((await follower.query('SELECT COUNT(*)::int AS n FROM registry_supergraph')).rows[0].n).toBeGreaterThan(0);
    } finally {
      await follower.end();
    }
  });

  it('publishes a new version, then rolls it back: each a supergraph version the gateway loads, both audited', async () => {
    const original = await latest();
    const v2 = baseSdl.replace(
      '"""A CNSS claim and reimbursement file (dossier de remboursement)"""',
      '"""A CNSS claim and reimbursement file (rollback test)"""',
    );
    const published = await publish('og-cnss', 'cnss-claims', v2, 'e2e-registry-publish-v2');
    expect(published.body.errors).toBeUndefined();
    const version = (published.body.data?.publishSubgraph.supergraph as { version: number }).version;
    await until(async () => (await servedVersion()) >= version);
    const rolledBack = await postGraphQL<{ rollbackSubgraph: { supergraph: { version: number; sha256: string; cause: string } } }>(
      gateway,
      ROLLBACK,
      { name: 'cnss-claims' },
      { ...(await as('og-cnss')), 'x-request-id': 'e2e-registry-rollback' },
    );
    expect(rolledBack.body.errors).toBeUndefined();
    expect(rolledBack.body.data?.rollbackSubgraph.supergraph).toMatchObject({
      version: version + 1,
      sha256: original?.sha256,
      cause: 'ROLLBACK',
    });
    await until(async () => (await servedVersion()) === version + 1);
    expect((await eventsOf('e2e-registry-rollback')).map((e) => [e.stage, e.outcome])).toEqual([
      ['INTENT', 'PENDING'],
      ['OUTCOME', 'OK'],
    ]);
  });

  it("retires an OG's subgraph through npm run registry, its owner only; the gateway stays ready while it is down", async () => {
    const sdl = ogSubgraphSdl('type Query {\n  cnopsDemo: String @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE)\n}');
    const published = await publish('og-cnops', 'cnops-demo', sdl, 'e2e-registry-cnops-demo', 'http://127.0.0.1:9/graphql');
    expect(published.body.errors).toBeUndefined();
    const version = (published.body.data?.publishSubgraph.supergraph as { version: number }).version;
    await until(async () => (await servedVersion()) >= version);
    expect((await fetch(new URL('/readyz', gateway))).status).toBe(200);
    const byCnss = await postGraphQL(gateway, RETIRE, { name: 'cnops-demo' }, await as('og-cnss'));
    expect(byCnss.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'REGISTRY_NOT_OWNER' });
    const cli = join(ROOT, 'subgraphs/registry/dist/cli/registry-cli.js');
    const env = { ...process.env, AUTH_ISSUER: inject('issuer'), GATEWAY_URL: gateway };
    const retired = await run(process.execPath, [cli, 'retire', 'cnops-demo', '--client', 'og-cnops'], { env });
    expect(retired.stdout).toContain('cnops-demo retired');
    const requestId = /request id (\S+)/.exec(retired.stderr)?.[1] ?? '';
    expect((await eventsOf(requestId)).map((e) => [e.client_id, e.stage, e.outcome])).toEqual([
      ['og-cnops', 'INTENT', 'PENDING'],
      ['og-cnops', 'OUTCOME', 'OK'],
    ]);
    const checkFile = join(dir, 'bad.graphql');
    writeFileSync(checkFile, sdl.replace('cnopsDemo: String @scopes', 'cnopsDemo: String\n  cnopsOther: Int @scopes'));
    const check = await run(
      process.execPath,
      [cli, 'check', 'cnops-demo', '--schema', checkFile, '--url', 'http://127.0.0.1:9/graphql', '--client', 'og-cnops'],
      { env },
    ).catch((error: { code: number; stdout: string }) => error);
    expect('code' in check ? check.code : 0).toBe(1);
    expect(check.stdout).toContain('[CLASSIFICATION] cnops-demo / Query.cnopsDemo');
  });
});
