import { readBuildComposition } from '@cmb/composition';
import type { Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { testCaller } from '../../../../test/support/test-caller';
import { buildRegistryApp, type RegistryApp } from '../app';
import { loadConfig } from '../config';
import { CLAIMS_V1, ogSubgraphSdl } from './og-subgraph-sdl';

const CNSS = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['registry:publish'] } satisfies Partial<Caller>;
const CNOPS = { clientId: 'og-cnops', org: 'CNOPS', orgKind: 'OG', purposes: ['registry:publish'] } satisfies Partial<Caller>;
const ANAM = { clientId: 'anam-registry', org: 'ANAM', orgKind: 'REGULATOR', purposes: ['registry:publish'] } satisfies Partial<Caller>;
const URL = 'http://127.0.0.1:4201/graphql';

const CHANGE = /* GraphQL */ `
  fragment Change on SubgraphChange {
    unchanged
    subgraph {
      name
      owner
      currentVersion
      retired
      routingUrl
    }
    version {
      version
      sdlSha256
      publishedByClient
      publishedByOrg
      requestId
    }
    supergraph {
      version
      sha256
      cause
      subgraph
      subgraphVersion
    }
    warnings {
      check
      subgraph
      type
      field
      message
    }
  }
`;
const PUBLISH = `${CHANGE} mutation ($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { ...Change } }`;
const ROLLBACK = `${CHANGE} mutation ($name: String!, $to: Int) { rollbackSubgraph(name: $name, toVersion: $to) { ...Change } }`;
const RETIRE = `${CHANGE} mutation ($name: String!) { retireSubgraph(name: $name) { ...Change } }`;
const CHECK = /* GraphQL */ `
  query ($input: PublishSubgraphInput!) {
    checkSubgraph(input: $input) {
      ok
      supergraphSha256
      problems {
        check
        subgraph
        type
        field
        message
      }
      warnings {
        check
        type
        field
      }
    }
  }
`;
const LIST = /* GraphQL */ `
  query {
    registeredSubgraphs {
      name
      owner
      currentVersion
      routingUrl
    }
    supergraphVersions(first: 100) {
      version
      cause
      subgraph
    }
  }
`;
const HISTORY = /* GraphQL */ `
  query ($name: String!) {
    subgraphHistory(name: $name) {
      subgraph {
        name
        currentVersion
      }
      versions {
        version
      }
      supergraphs {
        version
        cause
      }
    }
  }
`;

/** What the tests read of an answer: its data by root field, its errors. */
interface Answer {
  // Each test reads the fields it asked for; the shapes are those of the operations above.
  data?: Record<string, Loose> | null;
  errors?: { message: string; extensions?: Record<string, Loose> }[];
}

/** A value of an answer, read by the test that asked for it. */
type Loose = ReturnType<typeof JSON.parse>;

interface Problem {
  check: string;
  subgraph: string;
  type: string | null;
  field: string | null;
  message: string;
}

describe.each(ENGINES)('the subgraph registry on %s', (engine) => {
  let database: TestDatabase;
  let app: RegistryApp;
  const build = readBuildComposition();

  async function execute(query: string, variables: Record<string, unknown>, caller: Partial<Caller>) {
    return executeAs<Answer>(app, query, variables, caller);
  }

  const latest = async () => (await app.registry.supergraph(null))?.version ?? 0;
  const publish = (sdl: string, caller: Partial<Caller> = CNSS, name = 'cnss-claims') =>
    execute(PUBLISH, { input: { name, routingUrl: URL, sdl } }, caller);

  /** Publishes and expects a refusal of the given checks, the registry left as it was. */
  async function refused(sdl: string, checks: string[], caller: Partial<Caller> = CNSS): Promise<Problem[]> {
    const before = await latest();
    const answer = await publish(sdl, caller);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REGISTRY_CHECKS_FAILED' });
    const problems = answer.errors?.[0]?.extensions?.problems as Problem[];
    expect([...new Set(problems.map((p) => p.check))].sort()).toEqual([...checks].sort());
    expect(answer.errors?.[0]?.message).toContain(checks[0]);
    expect(await latest()).toBe(before);
    return problems;
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'registry');
    app = await buildRegistryApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config });
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('fills itself on its first start with the national subgraphs of the build, owned by ANAM, once', async () => {
    const list = await execute(LIST, {}, ANAM);
    expect(list.data?.registeredSubgraphs.map((s: { name: string }) => s.name).sort()).toEqual(build.subgraphs.map((s) => s.name).sort());
    expect(new Set(list.data?.registeredSubgraphs.map((s: { owner: string }) => s.owner))).toEqual(new Set(['ANAM']));
    expect(list.data?.supergraphVersions).toEqual([{ version: 1, cause: 'BUILD', subgraph: null }]);
    const again = await app.registry.syncBuild(build.subgraphs);
    expect(again.changed).toEqual([]);
    expect(await latest()).toBe(1);
  });

  it('publishes an OG subgraph extending Person: a new supergraph version, owned by its publisher', async () => {
    const answer = await publish(CLAIMS_V1);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.publishSubgraph).toMatchObject({
      unchanged: false,
      subgraph: { name: 'cnss-claims', owner: 'CNSS', currentVersion: 1, retired: false, routingUrl: URL },
      version: { version: 1, publishedByClient: 'og-cnss', publishedByOrg: 'CNSS', requestId: 'test-request' },
      supergraph: { version: 2, cause: 'PUBLISH', subgraph: 'cnss-claims', subgraphVersion: 1 },
    });
    const stored = await app.registry.supergraph(2);
    expect(stored?.sdl).toContain('cnssClaimFiles');
    expect(stored?.accessMatrix).toContain('`Person.cnssClaimFiles`');
    expect(JSON.parse(stored?.members ?? '[]')).toContainEqual({
      name: 'cnss-claims',
      owner: 'CNSS',
      version: 1,
      routingUrl: URL,
      national: false,
    });
  });

  it('changes nothing when the same SDL and URL are published again', async () => {
    const answer = await publish(CLAIMS_V1);
    expect(answer.data?.publishSubgraph).toMatchObject({ unchanged: true, supergraph: { version: 2 } });
    expect(await latest()).toBe(2);
  });

  it('shows a routing URL to its owner and ANAM only, and the history to them only', async () => {
    const byCnops = await execute(LIST, {}, CNOPS);
    expect(byCnops.data?.registeredSubgraphs.find((s: { name: string }) => s.name === 'cnss-claims')).toMatchObject({
      owner: 'CNSS',
      routingUrl: null,
    });
    const byAnam = await execute(LIST, {}, ANAM);
    expect(byAnam.data?.registeredSubgraphs.find((s: { name: string }) => s.name === 'cnss-claims')?.routingUrl).toBe(URL);
    expect((await execute(HISTORY, { name: 'cnss-claims' }, CNSS)).data?.subgraphHistory.versions).toEqual([{ version: 1 }]);
    expect((await execute(HISTORY, { name: 'cnss-claims' }, CNOPS)).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'REGISTRY_NOT_OWNER',
    });
  });

  it.each([
    ['another OG publishing it', CNOPS, 'cnss-claims', 'REGISTRY_NOT_OWNER'],
    ['an OG publishing a national subgraph', CNSS, 'beneficiaries', 'REGISTRY_NOT_OWNER'],
    ['an OG naming a subgraph after another', CNOPS, 'cnss-approvals', 'REGISTRY_NAME_NOT_YOURS'],
    ['anyone publishing the registry itself', ANAM, 'registry', 'REGISTRY_SELF_MANAGED'],
    [
      'an establishment',
      { clientId: 'clinique-zzp00010', org: 'ZZP00010', orgKind: 'ESTABLISHMENT' },
      'zzp00010-x',
      'REGISTRY_PUBLISHERS_ONLY',
    ],
  ])('refuses %s with FORBIDDEN, changing nothing', async (_case, caller, name, reason) => {
    const before = await latest();
    const answer = await publish(CLAIMS_V1, caller, name);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason });
    expect(await latest()).toBe(before);
  });

  it('refuses an SDL that does not compose, naming the subgraph and the field', async () => {
    const problems = await refused(CLAIMS_V1.replace('ref: ID!', 'ref: Int!'), ['COMPOSITION', 'CLASSIFICATION']);
    expect(problems).toContainEqual(expect.objectContaining({ check: 'COMPOSITION', type: 'Person', field: 'ref' }));
    expect(problems.map((p) => p.message).join(' ')).toContain('cnss-claims');
  });

  it('refuses an unclassified field (the CNDP lint)', async () => {
    const problems = await refused(CLAIMS_V1.replace('type Query {', 'type Query {\n  cnssOpenFiles: Int'), ['CLASSIFICATION']);
    expect(problems).toContainEqual(expect.objectContaining({ subgraph: 'cnss-claims', type: 'Query', field: 'cnssOpenFiles' }));
  });

  it('refuses @scopes declared without the scopes spec’s @link: composition would drop it and leave the fields open', async () => {
    const unlinked = CLAIMS_V1.replace(/ {2}@link\(url: "https:\/\/specs\.cmb\.ma\/scopes\/[^\n]*\n/, '')
      .replace(/ {2}@composeDirective\(name: "@(scopes|public)"\)\n/g, '')
      .replace(
        'type Query {',
        'type Query {\n  cnssMemberFiles(ref: ID!): Person @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH)',
      )
      .replace('  ref: ID!\n', '  ref: ID!\n  cnssDiagnoses: [String!]! @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH)\n');
    expect(unlinked).not.toContain('specs.cmb.ma');
    const problems = await refused(unlinked, ['CLASSIFICATION_LINK', 'CLASSIFICATION_LOST']);
    expect(problems).toContainEqual(
      expect.objectContaining({ check: 'CLASSIFICATION_LOST', subgraph: 'cnss-claims', type: 'Query', field: 'cnssMemberFiles' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ check: 'CLASSIFICATION_LOST', subgraph: 'cnss-claims', type: 'Person', field: 'cnssDiagnoses' }),
    );
    expect(problems.find((p) => p.check === 'CLASSIFICATION_LINK')?.message).toContain('@composeDirective(name: "@scopes")');
    expect((await app.registry.supergraph(null))?.sdl).not.toContain('cnssDiagnoses');
  });

  it("refuses a change to a national subgraph's field, and a national field read by @requires", async () => {
    const redeclared = await refused(
      CLAIMS_V1.replace(
        'ref: ID!',
        'ref: ID!\n  nationalId: String! @shareable @scopes(anyOf: ["beneficiary:read"], sensitivity: IDENTITY)',
      ),
      ['FOREIGN_TYPE', 'COMPOSITION'],
    );
    expect(redeclared).toContainEqual(expect.objectContaining({ check: 'FOREIGN_TYPE', type: 'Person', field: 'nationalId' }));
    const required = await refused(
      CLAIMS_V1.replace(
        'ref: ID!',
        'ref: ID!\n  nationalId: String! @external\n  idCopy: String @requires(fields: "nationalId") @scopes(anyOf: ["beneficiary:read"], sensitivity: IDENTITY)',
      ),
      ['FOREIGN_TYPE'],
    );
    expect(required).toContainEqual(expect.objectContaining({ type: 'Person', field: 'nationalId' }));
  });

  it('refuses a field added to Person under a purpose the realm does not grant the OG', async () => {
    const problems = await refused(
      CLAIMS_V1.replace('ref: ID!', 'ref: ID!\n  cnssRecords: [String!]! @scopes(anyOf: ["records:read"], sensitivity: HEALTH)'),
      ['REALM_PURPOSE'],
    );
    expect(problems[0]).toMatchObject({ subgraph: 'cnss-claims', type: 'Person', field: 'cnssRecords' });
    expect(problems[0]?.message).toContain('records:read');
  });

  it('refuses a breaking change on a field clients used, and allows it on a field nobody used over the window', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await app.dataSource.query(
      `INSERT INTO registry_field_usage (coordinate, day, requests) VALUES ('ClaimFile.amountClaimed', '${today}', 3)`,
    );
    const used = await refused(CLAIMS_V1.replace('amountClaimed: Float!', 'amountClaimed: Float'), ['BREAKING_CHANGE']);
    expect(used[0]).toMatchObject({ subgraph: 'cnss-claims', type: 'ClaimFile', field: 'amountClaimed' });
    expect(used[0]?.message).toContain('NULLABILITY_RELAXED');
    // `note` had no traffic: its removal goes through, reported as a warning.
    const answer = await publish(CLAIMS_V1.replace('  note: String\n', ''));
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.publishSubgraph.supergraph.version).toBe(3);
    expect(answer.data?.publishSubgraph.warnings).toEqual([
      expect.objectContaining({ check: 'BREAKING_CHANGE', subgraph: 'cnss-claims', type: 'ClaimFile', field: 'note' }),
    ]);
  });

  it('reports a dry run without writing anything', async () => {
    const before = await latest();
    const bad = await execute(
      CHECK,
      { input: { name: 'cnss-claims', routingUrl: URL, sdl: CLAIMS_V1.replace('type Query {', 'type Query {\n  cnssOpenFiles: Int') } },
      CNSS,
    );
    expect(bad.data?.checkSubgraph).toMatchObject({ ok: false, supergraphSha256: null });
    expect(bad.data?.checkSubgraph.problems[0]).toMatchObject({ check: 'CLASSIFICATION', field: 'cnssOpenFiles' });
    const good = await execute(CHECK, { input: { name: 'cnss-claims', routingUrl: URL, sdl: CLAIMS_V1 } }, CNSS);
    expect(good.data?.checkSubgraph).toMatchObject({ ok: true, problems: [] });
    expect(good.data?.checkSubgraph.supergraphSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await latest()).toBe(before);
  });

  it('rolls back to the version before, as a new supergraph version, its owner only', async () => {
    expect((await execute(ROLLBACK, { name: 'cnss-claims' }, CNOPS)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const answer = await execute(ROLLBACK, { name: 'cnss-claims' }, CNSS);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.rollbackSubgraph).toMatchObject({
      subgraph: { currentVersion: 1 },
      version: { version: 1 },
      supergraph: { version: 4, cause: 'ROLLBACK', subgraph: 'cnss-claims', subgraphVersion: 1 },
    });
    expect((await app.registry.supergraph(4))?.sha256).toBe((await app.registry.supergraph(2))?.sha256);
    const unknown = await execute(ROLLBACK, { name: 'cnss-claims', to: 9 }, CNSS);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REGISTRY_VERSION_UNKNOWN' });
    const history = await execute(HISTORY, { name: 'cnss-claims' }, CNSS);
    expect(history.data?.subgraphHistory.supergraphs.map((s: { cause: string }) => s.cause)).toEqual(['ROLLBACK', 'PUBLISH', 'PUBLISH']);
  });

  it('retires a subgraph: the supergraph no longer has it, its name stays its owner’s', async () => {
    const answer = await execute(RETIRE, { name: 'cnss-claims' }, CNSS);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.retireSubgraph).toMatchObject({
      subgraph: { retired: true, currentVersion: null },
      version: null,
      supergraph: { cause: 'RETIRE' },
    });
    const supergraph = await app.registry.supergraph(null);
    expect(supergraph?.sdl).not.toContain('cnssClaimFiles');
    expect((await execute(RETIRE, { name: 'cnss-claims' }, CNSS)).errors?.[0]?.extensions).toMatchObject({
      reason: 'REGISTRY_SUBGRAPH_RETIRED',
    });
    expect((await publish(CLAIMS_V1, CNOPS)).errors?.[0]?.extensions).toMatchObject({ reason: 'REGISTRY_NOT_OWNER' });
    const revived = await publish(CLAIMS_V1);
    expect(revived.data?.publishSubgraph.subgraph).toMatchObject({ retired: false, currentVersion: 3 });
  });

  it('publishes a national release at start: the build’s changed subgraphs as one BUILD version', async () => {
    const changed = build.subgraphs.map((s) =>
      s.name === 'medicines'
        ? { ...s, sdl: s.sdl.replace('type Query {', 'type Query {\n  gmrNote: String @public(reason: "release note")') }
        : s,
    );
    const before = await latest();
    const sync = await app.registry.syncBuild(changed);
    expect(sync).toMatchObject({ changed: ['medicines'], problems: [] });
    expect(sync.supergraph).toMatchObject({ version: before + 1, cause: 'BUILD', subgraph: 'medicines' });
    expect((await app.registry.supergraph(null))?.sdl).toContain('gmrNote');
    // A release that does not compose with the OGs' subgraphs leaves the registry as it was.
    const clash = build.subgraphs.map((s) =>
      s.name === 'medicines'
        ? { ...s, sdl: s.sdl.replace('type Query {', 'type Query {\n  cnssClaimFile(fileNumber: Int!): Int @public(reason: "clash")') }
        : s,
    );
    const refusedSync = await app.registry.syncBuild(clash);
    expect(refusedSync.problems.length).toBeGreaterThan(0);
    expect(await latest()).toBe(before + 1);
  });

  it('refuses a rollback to a version whose routing URL names a host no longer allowed, changing nothing', async () => {
    const moved = await execute(
      PUBLISH,
      { input: { name: 'cnss-claims', routingUrl: 'http://localhost:4201/graphql', sdl: CLAIMS_V1 } },
      CNSS,
    );
    expect(moved.errors).toBeUndefined();
    const onLocalhost = moved.data?.publishSubgraph.version.version as number;
    expect((await publish(CLAIMS_V1)).data?.publishSubgraph.version.version).toBe(onLocalhost + 1);
    // ANAM takes localhost out of REGISTRY_ALLOWED_ROUTING_HOSTS; the registry restarts on the same database.
    const restricted = await buildRegistryApp(
      {
        ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REGISTRY_ALLOWED_ROUTING_HOSTS: '127.0.0.1' }),
        database: database.config,
      },
      app.dataSource,
    );
    try {
      const before = await latest();
      const answer = await executeAs<Answer>(restricted, ROLLBACK, { name: 'cnss-claims', to: onLocalhost }, CNSS);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE' });
      expect(answer.errors?.[0]?.message).toContain(`routingUrl of version ${onLocalhost}`);
      expect(await latest()).toBe(before);
      expect((await app.registry.list(testCaller(CNSS), false)).find((s) => s.subgraph.name === 'cnss-claims')?.routingUrl).toBe(URL);
    } finally {
      await restricted.apollo.stop();
    }
  });

  it('answers the SDL check with the line of a syntax error', async () => {
    const problems = await refused(ogSubgraphSdl('type Query { broken( }'), ['SDL']);
    expect(problems[0]?.message).toMatch(/Syntax Error/);
  });

  it("holds an organisation's changes and compositions to their budgets (REGISTRY_CHANGES_PER_HOUR, REGISTRY_CHECKS_PER_MINUTE)", async () => {
    const limited = await buildRegistryApp(
      {
        ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REGISTRY_CHANGES_PER_HOUR: '2', REGISTRY_CHECKS_PER_MINUTE: '4' }),
        database: database.config,
      },
      app.dataSource,
    );
    const run = (query: string, variables: Record<string, unknown>) => executeAs<Answer>(limited, query, variables, CNOPS);
    const sdl = (note: string) =>
      ogSubgraphSdl(`
        type Query { cnopsFile(fileNumber: String!): CnopsFile @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE) }
        type CnopsFile @key(fields: "fileNumber") @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE) { fileNumber: String!, ${note}: String }
      `);
    const input = (note: string) => ({ input: { name: 'cnops-claims', routingUrl: URL, sdl: sdl(note) } });
    const unclassified = { input: { name: 'cnops-claims', routingUrl: URL, sdl: ogSubgraphSdl('type Query { cnopsOpen: String }') } };
    try {
      // Four compositions a minute: a refused publish composes as a dry run does, and counts.
      expect((await run(PUBLISH, unclassified)).errors?.[0]?.extensions).toMatchObject({ reason: 'REGISTRY_CHECKS_FAILED' });
      expect((await run(PUBLISH, input('first'))).errors).toBeUndefined();
      expect((await run(PUBLISH, input('second'))).errors).toBeUndefined();
      const before = await latest();
      // Two versions an hour: a third, a retirement too, refused before composing, nothing written, the wait said.
      for (const answer of [await run(PUBLISH, input('third')), await run(RETIRE, { name: 'cnops-claims' })]) {
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'REGISTRY_CHANGES_PER_HOUR' });
        expect(answer.errors?.[0]?.message).toMatch(/2 par heure.*\d+ s/);
      }
      expect(await latest()).toBe(before);
      // Publishing what is served changes nothing, composes nothing, and is answered.
      expect((await run(PUBLISH, input('second'))).data?.publishSubgraph.unchanged).toBe(true);
      expect((await run(CHECK, input('third'))).data?.checkSubgraph.ok).toBe(true);
      expect((await run(CHECK, input('third'))).errors?.[0]?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        reason: 'REGISTRY_CHECKS_PER_MINUTE',
      });
    } finally {
      await limited.apollo.stop();
    }
  });
});

describe.each(ENGINES)("an insurer's type, taken up on a later publish by another insurer's older subgraph, on %s", (engine) => {
  let database: TestDatabase;
  let app: RegistryApp;
  const publish = (sdl: string, caller: Partial<Caller>, name: string) =>
    executeAs<Answer>(app, PUBLISH, { input: { name, routingUrl: URL, sdl } }, caller);
  /** CNOPS's subgraph, with a type of its own. */
  const CNOPS_FILES = ogSubgraphSdl(`
type Query {
  cnopsFile(id: ID!): CnopsFile @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH)
}

type CnopsFile @key(fields: "id") @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH) {
  id: ID!
  diagnosis: String
}
`);

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'registry_type_origin');
    app = await buildRegistryApp({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config });
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('holds it to extending the type, and leaves the type to its owner', async () => {
    // CNSS's subgraph first, then CNOPS's, which brings CnopsFile.
    expect((await publish(CLAIMS_V1, CNSS, 'cnss-claims')).errors).toBeUndefined();
    expect((await publish(CNOPS_FILES, CNOPS, 'cnops-files')).errors).toBeUndefined();
    // The older CNSS subgraph was the type's earliest declarer by its age alone: it could hide CNOPS's key.
    const hostile = await publish(`${CLAIMS_V1}\ntype CnopsFile @key(fields: "id") {\n  id: ID! @inaccessible\n}\n`, CNSS, 'cnss-claims');
    expect(hostile.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REGISTRY_CHECKS_FAILED' });
    expect(hostile.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ check: 'FOREIGN_TYPE', subgraph: 'cnss-claims', type: 'CnopsFile', field: 'id' }),
    ]);
    // An extension by its key is taken; CNOPS then republishes its own type as it is.
    const extension = `${CLAIMS_V1}\ntype CnopsFile @key(fields: "id") {\n  id: ID!\n  cnssNote: String @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH)\n}\n`;
    expect((await publish(extension, CNSS, 'cnss-claims')).errors).toBeUndefined();
    const again = await publish(CNOPS_FILES.replace('diagnosis: String', 'diagnosis: String\n  status: String'), CNOPS, 'cnops-files');
    expect(again.errors).toBeUndefined();
    // A later CNSS version that hides the key is still refused: the type entered CNSS's subgraph after CNOPS's.
    const later = await publish(extension.replace('id: ID!\n  cnssNote', 'id: ID! @inaccessible\n  cnssNote'), CNSS, 'cnss-claims');
    expect(later.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ check: 'FOREIGN_TYPE', type: 'CnopsFile', field: 'id' }),
    ]);
    // Retired, then published again: it serves nothing in between, so the type counts from its return.
    expect((await executeAs<Answer>(app, RETIRE, { name: 'cnss-claims' }, CNSS)).errors).toBeUndefined();
    const revived = await publish(extension.replace('id: ID!\n  cnssNote', 'id: ID! @inaccessible\n  cnssNote'), CNSS, 'cnss-claims');
    expect(revived.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ check: 'FOREIGN_TYPE', type: 'CnopsFile', field: 'id' }),
    ]);
  });
});
