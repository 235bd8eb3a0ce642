import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, listen, seedDatabase, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { testCaller } from '../../../../test/support/test-caller';
import { buildProvidersApp, type ProvidersApp } from '../app';
import { loadConfig } from '../config';
import { providersDataSource } from '../data-source';
import { providersSeed } from '../seed/seed';
import { ProviderStore } from '../services/provider-store';

const FIXTURES = join(__dirname, '../../fixtures');
const VALID = readFileSync(join(FIXTURES, 'inpe-registry-valid.csv'), 'utf8');
const WITH_ERRORS = readFileSync(join(FIXTURES, 'inpe-registry-errors.csv'), 'utf8');
const HEADER = 'inpe;kind;category;specialty;name;sector;region;status;active_from;active_until';

/** The clock of the run: a Monday, the valid sample extracted the Friday before. */
const NOW = new Date('2026-03-09T10:00:00Z');

const ANAM_LOADING: Partial<Caller> = { clientId: 'anam-registry', org: 'ANAM', orgKind: 'REGULATOR', purposes: ['reference:import'] };
const ANAM_READING: Partial<Caller> = { ...ANAM_LOADING, purposes: ['provider:read'] };
const OG_READING: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['provider:read'] };
const OG_WITH_IMPORT: Partial<Caller> = { ...OG_READING, purposes: ['reference:import'] };

const IMPORT = /* GraphQL */ `
  mutation ($csv: String!) {
    importProviderRegistry(input: { csv: $csv }) {
      alreadyLoaded
      version {
        id
        publishedOn
        providerCount
        status
        inForce
        added
        changed
        withdrawn
        loadedBy
        fileSha256
      }
    }
  }
`;
const ROLLBACK = /* GraphQL */ `
  mutation ($versionId: String!) {
    rollbackProviderRegistry(versionId: $versionId) {
      rolledBack {
        id
        status
        inForce
        rolledBackBy
      }
      inForce {
        id
        inForce
      }
    }
  }
`;
const VERSIONS = /* GraphQL */ `
  query ($first: Int, $after: String) {
    providerRegistryVersions(first: $first, after: $after) {
      nodes {
        id
        status
        inForce
        added
        changed
        withdrawn
      }
      endCursor
      hasNextPage
    }
  }
`;
const CHANGES = /* GraphQL */ `
  query ($versionId: String!, $kind: ProviderRegistryChangeKind, $first: Int, $after: String) {
    providerRegistryChanges(versionId: $versionId, kind: $kind, first: $first, after: $after) {
      nodes {
        inpe
        kind
        changedFields
        before {
          status
          region
          activeUntil
        }
        after {
          status
          region
          activeUntil
        }
      }
      endCursor
      hasNextPage
    }
  }
`;
const CHANGE_NAMES = /* GraphQL */ `
  query ($versionId: String!) {
    providerRegistryChanges(versionId: $versionId, kind: CHANGED) {
      nodes {
        inpe
        changedFields
        before {
          name
        }
        after {
          name
        }
      }
    }
  }
`;
const IN_FORCE = /* GraphQL */ `
  {
    providerRegistryVersion {
      id
      publishedOn
      stale
    }
  }
`;

/** A registry file: the first line, the header, the data lines. */
function registryFile(extractedOn: string, lines: readonly string[]): string {
  return [`#INPE;extracted_on=${extractedOn};rows=${lines.length}`, HEADER, ...lines, ''].join('\n');
}

/** The data lines of the valid sample. */
const VALID_LINES = VALID.trim().split('\n').slice(2);

/** The second file: ZZP00101 moves, ZZP00102 renamed, ZZP00103 left out, ZZP00104 closed, ZZP00105 new. */
const NEXT = registryFile('2026-03-09', [
  ...VALID_LINES.filter((line) => !/^ZZP0010[1-4];/.test(line)),
  'ZZP00101;PS;DENTIST;;Dr Nadia Fichier;PRIVATE;CSE;ACTIVE;2019-09-01;',
  'ZZP00102;ES;LABORATORY;;Laboratoire Synthetique Atlas Nord;PRIVATE;MSA;ACTIVE;2015-02-10;',
  'ZZP00104;ES;HEALTH_CENTRE;;"Centre de santé Synthétique; Oujda";PUBLIC;ORI;CLOSED;2009-05-05;2026-03-06',
  'ZZP00105;PS;GENERAL_PRACTITIONER;;Dr Youssef Nouveau;PRIVATE;TTA;ACTIVE;2026-03-01;',
]);

type Row = Record<string, unknown>;
type Result = { data?: Record<string, unknown> | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };

describe.each(ENGINES)('INPE registry import on %s', (engine) => {
  let database: TestDatabase;
  let app: ProvidersApp;

  async function execute(caller: Partial<Caller>, query: string, variables: Record<string, unknown> = {}): Promise<Result> {
    return executeAs<Result>(app, query, variables, caller);
  }

  /** The copy, row by row, every column. */
  async function copy(): Promise<Row[]> {
    return (await app.dataSource.query(
      `SELECT inpe, kind, category, specialty, name, sector, region, status,
              CAST(active_from AS TEXT) AS active_from, CAST(active_until AS TEXT) AS active_until, updated_at
         FROM provider ORDER BY inpe`,
    )) as Row[];
  }

  async function versionCount(): Promise<number> {
    const [row] = (await app.dataSource.query('SELECT COUNT(*) AS n FROM registry_version')) as { n: number | string }[];
    return Number(row?.n);
  }

  const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;
  const reasonOf = (result: Result) => result.errors?.[0]?.extensions?.reason;

  let seeded: Row[];
  let afterFirst: Row[];
  let stampAfterFirst: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'providers-import');
    const config = { ...loadConfig({ NODE_ENV: 'test' }), database: database.config };
    const dataSource = providersDataSource(database.config);
    await seedDatabase(dataSource, providersSeed, { persons: 300, seed: 7 });
    app = await buildProvidersApp(config, dataSource, () => NOW);
    seeded = await copy();
  });

  afterAll(async () => {
    await app?.apollo.stop();
    await app?.drain?.();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('refuses a file with malformed lines whole, naming each line, and leaves the registry as it was', async () => {
    const result = await execute(ANAM_LOADING, IMPORT, { csv: WITH_ERRORS });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(reasonOf(result)).toBe('IMPORT_FILE_REFUSED');
    const extensions = result.errors?.[0]?.extensions ?? {};
    expect(extensions.lineErrorCount).toBe(9);
    expect((extensions.lineErrors as { line: number; column: string | null }[]).map((e) => [e.line, e.column])).toEqual([
      [4, 'inpe'],
      [5, 'specialty'],
      [6, 'active_from'],
      [7, 'kind'],
      [8, 'active_until'],
      [9, 'inpe'],
      [10, 'name'],
      [10, 'region'],
      [11, null],
    ]);
    expect(JSON.stringify(result.errors)).not.toMatch(/Testprat|Specialiste|Retrait|Clinique Synthetique/);
    expect(await copy()).toEqual(seeded);
    expect(await versionCount()).toBe(3);
  });

  it('loads the valid sample as a new version with its diff: new codes added, codes left out withdrawn, the personas unchanged', async () => {
    const withdrawable = seeded.filter((row) => String(row.inpe) >= 'ZZP10000' && row.status !== 'CLOSED').length;
    const result = await execute(ANAM_LOADING, IMPORT, { csv: VALID });
    expect(result.errors).toBeUndefined();
    expect(result.data?.importProviderRegistry).toEqual({
      alreadyLoaded: false,
      version: {
        id: 'INPE-2026-03-06',
        publishedOn: '2026-03-06',
        providerCount: 10,
        status: 'CURRENT',
        inForce: true,
        added: 4,
        changed: 0,
        withdrawn: withdrawable,
        loadedBy: 'anam-registry',
        fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    expect(withdrawable).toBeGreaterThan(400);
    afterFirst = await copy();
    stampAfterFirst = (await new ProviderStore(app.dataSource).registryState()).stamp;
    const before = new Map(seeded.map((row) => [row.inpe, row]));
    for (const inpe of ['ZZP00001', 'ZZP00002', 'ZZP00003', 'ZZP00004', 'ZZP00010', 'ZZP99999']) {
      expect(afterFirst.find((row) => row.inpe === inpe)).toEqual(before.get(inpe));
    }
    const generated = afterFirst.filter((row) => String(row.inpe) >= 'ZZP10000');
    expect(generated.every((row) => row.status === 'CLOSED' && row.active_until !== null && String(row.active_until) <= '2026-03-05')).toBe(
      true,
    );
    expect((await execute(OG_READING, IN_FORCE)).data?.providerRegistryVersion).toEqual({
      id: 'INPE-2026-03-06',
      publishedOn: '2026-03-06',
      stale: false,
    });
  });

  it('names the version in force and its freshness on /readyz', async () => {
    const server = await listen(app.handler, { host: '127.0.0.1', port: 0, logger: createLogger('providers', 'silent') });
    try {
      const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { referenceCopies: unknown[] };
      expect(ready.referenceCopies).toEqual([
        { copy: 'inpe-registry', version: 'INPE-2026-03-06', asOf: '2026-03-06', ageDays: 3, maxAge: '5 working days + 2', stale: false },
      ]);
    } finally {
      await server.close();
    }
  });

  it('returns the version a file made when the same file is sent again, changing nothing', async () => {
    const again = await execute(ANAM_LOADING, IMPORT, { csv: VALID });
    expect(again.data?.importProviderRegistry).toMatchObject({ alreadyLoaded: true, version: { id: 'INPE-2026-03-06', added: 4 } });
    expect(await copy()).toEqual(afterFirst);
    expect(await versionCount()).toBe(4);
  });

  it.each([
    { why: 'an older extraction', csv: registryFile('2026-03-05', VALID_LINES) },
    { why: 'another file of the same extraction date', csv: registryFile('2026-03-06', VALID_LINES.slice(1)) },
  ])('refuses $why with BAD_USER_INPUT, leaving the registry as it was', async ({ csv }) => {
    const result = await execute(ANAM_LOADING, IMPORT, { csv });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(reasonOf(result)).toBe('IMPORT_FILE_NOT_NEWER');
    expect(result.errors?.[0]?.message).toContain('INPE-2026-03-06');
    expect(await copy()).toEqual(afterFirst);
  });

  it('lists the changes of a version by kind and by pages, the names only to the purpose that reads providers', async () => {
    const added = await execute(ANAM_LOADING, CHANGES, { versionId: 'INPE-2026-03-06', kind: 'ADDED', first: 3 });
    expect(added.errors).toBeUndefined();
    const page = added.data?.providerRegistryChanges as {
      nodes: { inpe: string; before: unknown }[];
      endCursor: string;
      hasNextPage: boolean;
    };
    expect(page.nodes.map((n) => n.inpe)).toEqual(['ZZP00101', 'ZZP00102', 'ZZP00103']);
    expect(page.nodes.every((n) => n.before === null)).toBe(true);
    expect(page.hasNextPage).toBe(true);
    const rest = await execute(ANAM_LOADING, CHANGES, { versionId: 'INPE-2026-03-06', kind: 'ADDED', first: 3, after: page.endCursor });
    expect((rest.data?.providerRegistryChanges as { nodes: { inpe: string }[] }).nodes.map((n) => n.inpe)).toEqual(['ZZP00104']);
    const names = await execute(ANAM_LOADING, CHANGE_NAMES, { versionId: 'INPE-2026-03-06' });
    expect(codeOf(names)).toBe('FORBIDDEN');
    expect(names.errors?.[0]?.extensions?.refusedPaths).toEqual([
      'providerRegistryChanges.nodes.before.name',
      'providerRegistryChanges.nodes.after.name',
    ]);
  });

  it('loads a second file: CHANGED, ADDED and WITHDRAWN codes, each code once even when the file is sent twice at once', async () => {
    const [first, second] = await Promise.all([execute(ANAM_LOADING, IMPORT, { csv: NEXT }), execute(ANAM_LOADING, IMPORT, { csv: NEXT })]);
    const results = [first, second].map((r) => r.data?.importProviderRegistry as { alreadyLoaded: boolean; version: Row });
    expect(results.map((r) => r.alreadyLoaded).sort()).toEqual([false, true]);
    expect(results[0]?.version).toEqual(results[1]?.version);
    expect(results[0]?.version).toMatchObject({ id: 'INPE-2026-03-09', added: 1, changed: 2, withdrawn: 2, providerCount: 10 });
    const changes = await execute(OG_READING, CHANGE_NAMES, { versionId: 'INPE-2026-03-09' });
    expect(changes.data?.providerRegistryChanges).toEqual({
      nodes: [
        { inpe: 'ZZP00101', changedFields: ['region'], before: { name: 'Dr Nadia Fichier' }, after: { name: 'Dr Nadia Fichier' } },
        {
          inpe: 'ZZP00102',
          changedFields: ['name'],
          before: { name: 'Laboratoire Synthetique "Atlas"' },
          after: { name: 'Laboratoire Synthetique Atlas Nord' },
        },
      ],
    });
    const withdrawn = await execute(ANAM_LOADING, CHANGES, { versionId: 'INPE-2026-03-09', kind: 'WITHDRAWN' });
    expect((withdrawn.data?.providerRegistryChanges as { nodes: unknown[] }).nodes).toEqual([
      {
        inpe: 'ZZP00103',
        kind: 'WITHDRAWN',
        changedFields: ['status', 'activeUntil'],
        before: { status: 'SUSPENDED', region: 'ORI', activeUntil: null },
        after: { status: 'CLOSED', region: 'ORI', activeUntil: '2026-03-08' },
      },
      {
        inpe: 'ZZP00104',
        kind: 'WITHDRAWN',
        changedFields: ['status', 'activeUntil'],
        before: { status: 'ACTIVE', region: 'ORI', activeUntil: null },
        after: { status: 'CLOSED', region: 'ORI', activeUntil: '2026-03-06' },
      },
    ]);
  });

  it('lists the versions newest first, by pages', async () => {
    const first = await execute(ANAM_LOADING, VERSIONS, { first: 2 });
    expect(first.errors).toBeUndefined();
    const page = first.data?.providerRegistryVersions as { nodes: Row[]; endCursor: string; hasNextPage: boolean };
    expect(page.nodes).toEqual([
      { id: 'INPE-2026-03-09', status: 'CURRENT', inForce: true, added: 1, changed: 2, withdrawn: 2 },
      { id: 'INPE-2026-03-06', status: 'CURRENT', inForce: false, added: 4, changed: 0, withdrawn: expect.any(Number) },
    ]);
    const next = await execute(OG_READING, VERSIONS, { first: 2, after: page.endCursor });
    expect((next.data?.providerRegistryVersions as { nodes: Row[] }).nodes.map((v) => v.id)).toEqual([
      'INPE-2026-02-27',
      'INPE-2026-02-20',
    ]);
    expect(codeOf(await execute(OG_READING, VERSIONS, { first: 201 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await execute(OG_READING, VERSIONS, { after: 'forged' }))).toBe('BAD_USER_INPUT');
  });

  it('refuses to roll back a version that added codes a convention names, then rolls back when none does', async () => {
    await app.dataSource.query(
      `INSERT INTO convention (id, provider_inpe, organism, valid_from, valid_until, payment_mode) VALUES ('00000000-0000-4000-8000-000000000105', 'ZZP00105', 'CNSS', '2026-03-01', NULL, 'DIRECT')`,
    );
    const refused = await execute(ANAM_LOADING, ROLLBACK, { versionId: 'INPE-2026-03-09' });
    expect(codeOf(refused)).toBe('CONFLICT');
    await app.dataSource.query(`DELETE FROM convention WHERE provider_inpe = 'ZZP00105'`);
  });

  it('rolls the version in force back: the copy is restored exactly and the previous version is in force again', async () => {
    expect(codeOf(await execute(ANAM_LOADING, ROLLBACK, { versionId: 'INPE-2026-03-06' }))).toBe('BAD_USER_INPUT');
    const result = await execute(ANAM_LOADING, ROLLBACK, { versionId: 'INPE-2026-03-09' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.rollbackProviderRegistry).toEqual({
      rolledBack: { id: 'INPE-2026-03-09', status: 'ROLLED_BACK', inForce: false, rolledBackBy: 'anam-registry' },
      inForce: { id: 'INPE-2026-03-06', inForce: true },
    });
    expect(await copy()).toEqual(afterFirst);
    const again = await execute(ANAM_LOADING, ROLLBACK, { versionId: 'INPE-2026-03-09' });
    expect(again.data?.rollbackProviderRegistry).toMatchObject({
      rolledBack: { status: 'ROLLED_BACK' },
      inForce: { id: 'INPE-2026-03-06' },
    });
    expect(await copy()).toEqual(afterFirst);
    expect((await execute(OG_READING, IN_FORCE)).data?.providerRegistryVersion).toMatchObject({ id: 'INPE-2026-03-06' });
    // The same version is in force again, but a cache keyed on it alone would keep rows read while the
    // rolled-back one was: the registry's stamp differs from the one it had before that version was loaded.
    const state = await new ProviderStore(app.dataSource).registryState();
    expect(state.version?.id).toBe('INPE-2026-03-06');
    expect(state.stamp).not.toBe(stampAfterFirst);
  });

  it('rolls back to the seeded registry, then refuses to go further: the seeded version kept no diff', async () => {
    const result = await execute(ANAM_LOADING, ROLLBACK, { versionId: 'INPE-2026-03-06' });
    expect(result.errors).toBeUndefined();
    expect(await copy()).toEqual(seeded);
    expect((await execute(OG_READING, IN_FORCE)).data?.providerRegistryVersion).toMatchObject({ id: 'INPE-2026-02-27' });
    const refused = await execute(ANAM_LOADING, ROLLBACK, { versionId: 'INPE-2026-02-27' });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(reasonOf(refused)).toBe('IMPORT_ROLLBACK_NO_PREVIOUS');
    expect(codeOf(await execute(ANAM_LOADING, ROLLBACK, { versionId: 'INPE-2099-01-01' }))).toBe('NOT_FOUND');
  });

  it('returns the rolled-back version when its file is sent again, and loads a corrected extract of the same day under a new id', async () => {
    const again = await execute(ANAM_LOADING, IMPORT, { csv: NEXT });
    expect(again.data?.importProviderRegistry).toMatchObject({
      alreadyLoaded: true,
      version: { id: 'INPE-2026-03-09', status: 'ROLLED_BACK' },
    });
    expect(await copy()).toEqual(seeded);
    const fixed = VALID_LINES.map((line) => (line.startsWith('ZZP00101;') ? line.replace(';RSK;', ';CSE;') : line));
    const corrected = await execute(ANAM_LOADING, IMPORT, { csv: registryFile('2026-03-06', fixed) });
    expect(corrected.data?.importProviderRegistry).toMatchObject({
      alreadyLoaded: false,
      version: { id: 'INPE-2026-03-06-2', inForce: true },
    });
    const back = await execute(ANAM_LOADING, ROLLBACK, { versionId: 'INPE-2026-03-06-2' });
    expect(back.errors).toBeUndefined();
    expect(await copy()).toEqual(seeded);
  });

  it.each([
    {
      who: 'an OG holding the import purpose',
      caller: OG_WITH_IMPORT,
      query: IMPORT,
      variables: { csv: VALID },
      reason: 'REFERENCE_IMPORT_ANAM_ONLY',
    },
    {
      who: 'an OG rolling back',
      caller: OG_WITH_IMPORT,
      query: ROLLBACK,
      variables: { versionId: 'INPE-2026-02-27' },
      reason: 'REFERENCE_IMPORT_ANAM_ONLY',
    },
    {
      who: 'an OG listing under the import purpose',
      caller: OG_WITH_IMPORT,
      query: VERSIONS,
      variables: {},
      reason: 'REFERENCE_IMPORT_ANAM_ONLY',
    },
    { who: 'ANAM loading under provider:read', caller: ANAM_READING, query: IMPORT, variables: { csv: VALID }, reason: 'FORBIDDEN' },
    { who: 'an OG loading under provider:read', caller: OG_READING, query: IMPORT, variables: { csv: VALID }, reason: 'FORBIDDEN' },
  ])('refuses $who with FORBIDDEN, changing nothing', async ({ caller, query, variables, reason }) => {
    const result = await execute(caller, query, variables);
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(reasonOf(result)).toBe(reason);
    expect(await copy()).toEqual(seeded);
  });
});

describe.each(ENGINES)('INPE registry import into an empty registry on %s', (engine) => {
  let database: TestDatabase;
  let app: ProvidersApp;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'providers-first');
    app = await buildProvidersApp({ ...loadConfig({ NODE_ENV: 'test' }), database: database.config }, undefined, () => NOW);
  });

  afterAll(async () => {
    await app?.apollo.stop();
    await app?.drain?.();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('loads a first version of every code, which cannot be rolled back: there is no previous one', async () => {
    const execute = async (query: string, variables: Record<string, unknown>) => {
      const response = await app.apollo.executeOperation(
        { query, variables },
        { contextValue: app.createContext(testCaller(ANAM_LOADING)) },
      );
      return (response.body.kind === 'single' ? response.body.singleResult : {}) as Result;
    };
    const loaded = await execute(IMPORT, { csv: VALID });
    expect(loaded.data?.importProviderRegistry).toMatchObject({ version: { id: 'INPE-2026-03-06', added: 10, changed: 0, withdrawn: 0 } });
    const refused = await execute(ROLLBACK, { versionId: 'INPE-2026-03-06' });
    expect(refused.errors?.[0]?.extensions?.reason).toBe('IMPORT_ROLLBACK_NO_PREVIOUS');
    const [count] = (await app.dataSource.query('SELECT COUNT(*) AS n FROM provider')) as { n: number | string }[];
    expect(Number(count?.n)).toBe(10);
  });
});
