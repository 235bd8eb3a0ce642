import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { seedDatabase, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { testCaller } from '../../../../test/support/test-caller';
import { buildMedicinesApp, type MedicinesApp } from '../app';
import { loadConfig } from '../config';
import { medicinesDataSource } from '../data-source';
import { fixtureEan13 } from '../seed/fixture-medicines';
import { medicinesSeed } from '../seed/seed';

const FIXTURES = join(__dirname, '../../fixtures');
const VALID = readFileSync(join(FIXTURES, 'gmr-2026-06-01.csv'), 'utf8');
const WITH_ERRORS = readFileSync(join(FIXTURES, 'gmr-with-errors.csv'), 'utf8');

const IMPORT = /* GraphQL */ `
  mutation ($input: ImportMedicinesGuideInput!) {
    importMedicinesGuide(input: $input) {
      replayed
      version {
        versionId
        effectiveDate
        validUntil
        inForce
        medicineCount
        imported
        addedCount
        changedCount
        withdrawnCount
        previousVersionId
        importedAt
      }
    }
  }
`;
const ROLLBACK = /* GraphQL */ `
  mutation ($versionId: String!) {
    rollbackMedicinesGuide(versionId: $versionId) {
      rolledBack {
        versionId
        effectiveDate
        medicineCount
      }
      latest {
        versionId
        effectiveDate
        validUntil
        inForce
      }
    }
  }
`;
const VERSIONS = /* GraphQL */ `
  query ($first: Int, $after: String) {
    medicinesGuideVersions(first: $first, after: $after) {
      nodes {
        versionId
        effectiveDate
        validUntil
        inForce
        imported
        medicineCount
        addedCount
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
    }
  }
`;
const CHANGES = /* GraphQL */ `
  query ($versionId: String!, $kind: MedicinesGuideChangeKind, $first: Int, $after: String) {
    medicinesGuideChanges(versionId: $versionId, kind: $kind, first: $first, after: $after) {
      edges {
        cursor
        node {
          versionId
          ean13
          kind
          fields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const BASIS = /* GraphQL */ `
  query ($code: String!, $date: Date) {
    reimbursementBasis(code: $code, date: $date) {
      reason
      pbrCentimes
      gmrVersion
      gmrVersionEffectiveDate
      lastListedVersion
    }
  }
`;

/** "Today": the personas' care date, in GMR-2026-03; the sample takes effect on 2026-06-01. */
const TODAY = new Date('2026-03-02T10:00:00Z');
const GLUCORIL = fixtureEan13('GLUCORIL');
const FICTILAB = fixtureEan13('METFORMINE_FICTILAB');
const AMOXAL = fixtureEan13('AMOXAL');
const AMOXICILLINE_FICTILAB = fixtureEan13('AMOXICILLINE_FICTILAB');
const SAMPLELAB = '6119999000091';
const IMPORTED = 'GMR-2026-06-01';

type Result = { data?: Record<string, unknown> | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };

describe.each(ENGINES)('importing a new version of the medicines guide on %s', (engine) => {
  let database: TestDatabase;
  let app: MedicinesApp;
  let seededCount: number;

  async function execute(query: string, variables: Record<string, unknown> = {}, caller: Partial<Caller> = {}): Promise<Result> {
    return executeAs<Result>(app, query, variables, caller);
  }

  async function importFile(csv: string, effectiveDate?: string) {
    return execute(IMPORT, { input: { csv, effectiveDate } });
  }

  /** What the tables hold, to prove a refused write left them as they were. */
  async function snapshot() {
    const source = app.dataSource;
    const count = async (table: string) =>
      Number(((await source.query(`SELECT COUNT(*) AS n FROM "${table}"`)) as { n: string | number }[])[0]?.n);
    const versions = (await source.query(
      `SELECT "code", CAST("valid_until" AS VARCHAR(10)) AS "until" FROM "gmr_version" ORDER BY "code"`,
    )) as { code: string; until: string | null }[];
    return { versions, medicines: await count('gmr_medicine'), imports: await count('gmr_import'), changes: await count('gmr_change') };
  }

  function errorOf(result: Result) {
    expect(result.data?.importMedicinesGuide ?? result.data?.rollbackMedicinesGuide ?? null).toBeNull();
    return result.errors?.[0]?.extensions ?? {};
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'medicines_import');
    const config = { ...loadConfig({ NODE_ENV: 'test' }), database: database.config };
    const dataSource = medicinesDataSource(database.config);
    await seedDatabase(dataSource, medicinesSeed, { persons: 300, seed: 7 });
    app = await buildMedicinesApp(config, dataSource, { clock: () => TODAY });
    const counts = await app.services.store.countsByVersion();
    seededCount = counts.get('GMR-2026-03') ?? 0;
  });

  afterAll(async () => {
    await app?.apollo.stop();
    await app?.drain?.();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('refuses a malformed file whole, with the line numbers and what each line lacks, and changes nothing', async () => {
    const before = await snapshot();
    const extensions = errorOf(await importFile(WITH_ERRORS));
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_FILE_REFUSED', lineErrorCount: 9 });
    expect(extensions.params).toEqual({ count: 9, line: 4 });
    const lines = extensions.lineErrors as { line: number; column: string | null; problem: string; expected: string }[];
    expect(lines.map((error) => [error.line, error.column, error.problem])).toEqual([
      [4, 'ean13', 'MALFORMED'],
      [5, 'pbr', 'INCONSISTENT'],
      [6, 'ppv', 'MALFORMED'],
      [7, 'dci', 'MISSING'],
      [8, 'reimbursable', 'MALFORMED'],
      [9, 'ean13', 'DUPLICATE'],
      [10, 'generic_group', 'MISSING'],
      [11, 'ppv', 'MALFORMED'],
      [12, null, 'FIELD_COUNT'],
    ]);
    expect(lines[0]?.expected).toBe('an EAN-13 whose last digit is the check digit of the first 12');
    expect(await snapshot()).toEqual(before);
  });

  it('bounds the line errors returned: the first 100 in file order, and the total', async () => {
    const [comment, header, glucoril = ''] = VALID.split('\n').filter((line, index) => index === 0 || !line.startsWith('#'));
    const bad = Array.from({ length: 150 }, () => glucoril.replace(',45.00,', ',45.001,'));
    const extensions = errorOf(await importFile([comment, header, ...bad].join('\n')));
    expect(extensions.lineErrorCount).toBe(150 + 149);
    const lines = extensions.lineErrors as { line: number }[];
    expect(lines).toHaveLength(100);
    expect(lines[0]?.line).toBe(3);
    expect(lines.map((error) => error.line)).toEqual([...lines.map((error) => error.line)].sort((a, b) => a - b));
  });

  it.each([
    ['on the latest version day', '2026-03-01'],
    ['before the latest version', '2026-02-01'],
  ])('refuses an effective date %s, and changes nothing', async (_label, date) => {
    const before = await snapshot();
    const extensions = errorOf(await importFile(VALID.replace('2026-06-01', date)));
    expect(extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'GMR_EFFECTIVE_DATE_NOT_AFTER_LATEST',
      params: { latest: 'GMR-2026-03', latestDate: '2026-03-01' },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('loads a valid file as a new version effective on its date, closing the version before', async () => {
    const result = await importFile(VALID);
    expect(result.errors).toBeUndefined();
    expect(result.data?.importMedicinesGuide).toMatchObject({
      replayed: false,
      version: {
        versionId: IMPORTED,
        effectiveDate: '2026-06-01',
        validUntil: null,
        inForce: false,
        medicineCount: 7,
        imported: true,
        addedCount: 1,
        changedCount: 3,
        withdrawnCount: seededCount - 6,
        previousVersionId: 'GMR-2026-03',
      },
    });
    const state = await snapshot();
    expect(state.versions).toContainEqual({ code: 'GMR-2026-03', until: '2026-05-31' });
    expect(state.versions).toContainEqual({ code: IMPORTED, until: null });
    expect(state.imports).toBe(1);
    expect(state.changes).toBe(1 + 3 + seededCount - 6);
  });

  it('keeps the diff queryable by kind, with the changed fields, a page at a time', async () => {
    const changed = await execute(CHANGES, { versionId: IMPORTED, kind: 'CHANGED', first: 2 });
    expect(changed.errors).toBeUndefined();
    const first = changed.data?.medicinesGuideChanges as {
      edges: { node: { ean13: string; kind: string; fields: string[] } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(first.edges.map((edge) => edge.node)).toEqual([
      { versionId: IMPORTED, ean13: GLUCORIL, kind: 'CHANGED', fields: ['pbr'] },
      { versionId: IMPORTED, ean13: FICTILAB, kind: 'CHANGED', fields: ['publicPrice', 'pbr'] },
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await execute(CHANGES, { versionId: IMPORTED, kind: 'CHANGED', first: 2, after: first.pageInfo.endCursor });
    const second = next.data?.medicinesGuideChanges as typeof first;
    expect(second.edges.map((edge) => [edge.node.ean13, edge.node.fields])).toEqual([[AMOXAL, ['pbr']]]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const added = await execute(CHANGES, { versionId: IMPORTED, kind: 'ADDED' });
    expect((added.data?.medicinesGuideChanges as typeof first).edges.map((edge) => edge.node.ean13)).toEqual([SAMPLELAB]);
    const withdrawn = await execute(CHANGES, { versionId: IMPORTED, kind: 'WITHDRAWN', first: 200 });
    const codes = (withdrawn.data?.medicinesGuideChanges as typeof first).edges.map((edge) => edge.node.ean13);
    expect(codes).toContain(AMOXICILLINE_FICTILAB);
    expect(codes).toHaveLength(200);
    const all = await execute(CHANGES, { versionId: IMPORTED, first: 3 });
    // Every kind, in EAN-13 order: Metformine Exemplab and Insulatis, unchanged, are no change.
    expect((all.data?.medicinesGuideChanges as typeof first).edges.map((edge) => edge.node.ean13)).toEqual([GLUCORIL, FICTILAB, AMOXAL]);
  });

  it('refuses a page larger than 200 and a cursor it did not issue', async () => {
    const large = await execute(CHANGES, { versionId: IMPORTED, first: 201 });
    expect(large.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE' });
    const forged = await execute(CHANGES, { versionId: IMPORTED, after: 'bm90LWEtY3Vyc29y' });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_MALFORMED' });
    const unknown = await execute(CHANGES, { versionId: 'GMR-2030-01-01' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'IMPORT_VERSION_NOT_FOUND' });
  });

  it('changes nothing when the same file is sent again', async () => {
    const before = await snapshot();
    const again = await importFile(VALID, '2026-06-01');
    expect(again.errors).toBeUndefined();
    expect(again.data?.importMedicinesGuide).toMatchObject({
      replayed: true,
      version: { versionId: IMPORTED, medicineCount: 7, addedCount: 1 },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses another file for the same effective date', async () => {
    const other = VALID.replace(
      'Vitaminol,comprimé effervescent,1 g,Tube de 10 comprimés effervescents,Vitamines,N,,24.00',
      'Vitaminol,comprimé effervescent,1 g,Tube de 10 comprimés effervescents,Vitamines,N,,25.00',
    );
    expect(other).not.toBe(VALID);
    expect(errorOf(await importFile(other))).toMatchObject({ reason: 'GMR_EFFECTIVE_DATE_NOT_AFTER_LATEST', params: { latest: IMPORTED } });
  });

  it('answers reimbursementBasis from the version in force on each side of the effective date, naming it', async () => {
    const basis = async (code: string, date: string) => (await execute(BASIS, { code, date })).data?.reimbursementBasis;
    expect(await basis(GLUCORIL, '2026-05-31')).toMatchObject({
      gmrVersion: 'GMR-2026-03',
      gmrVersionEffectiveDate: '2026-03-01',
      pbrCentimes: 2150,
    });
    expect(await basis(GLUCORIL, '2026-06-01')).toMatchObject({
      gmrVersion: IMPORTED,
      gmrVersionEffectiveDate: '2026-06-01',
      pbrCentimes: 2050,
    });
    expect(await basis(AMOXAL, '2026-06-01')).toMatchObject({ reason: 'REIMBURSABLE', pbrCentimes: 6800, gmrVersion: IMPORTED });
    expect(await basis(AMOXICILLINE_FICTILAB, '2026-06-01')).toMatchObject({
      reason: 'WITHDRAWN',
      gmrVersion: IMPORTED,
      gmrVersionEffectiveDate: '2026-06-01',
      lastListedVersion: 'GMR-2026-03',
    });
    expect(await basis(SAMPLELAB, '2026-05-31')).toMatchObject({ reason: 'NOT_LISTED', gmrVersion: 'GMR-2026-03' });
    expect(await basis(SAMPLELAB, '2026-06-01')).toMatchObject({ reason: 'REIMBURSABLE', pbrCentimes: 1890 });
  });

  it('lists the versions newest first, a page at a time', async () => {
    const first = await execute(VERSIONS, { first: 2 });
    expect(first.errors).toBeUndefined();
    const page = first.data?.medicinesGuideVersions as {
      nodes: { versionId: string; inForce: boolean; imported: boolean; medicineCount: number; addedCount: number | null }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(page.nodes).toEqual([
      expect.objectContaining({ versionId: IMPORTED, inForce: false, imported: true, medicineCount: 7, addedCount: 1 }),
      expect.objectContaining({ versionId: 'GMR-2026-03', inForce: true, imported: false, medicineCount: seededCount, addedCount: null }),
    ]);
    const rest = await execute(VERSIONS, { first: 2, after: page.pageInfo.endCursor });
    expect((rest.data?.medicinesGuideVersions as typeof page).nodes.map((node) => node.versionId)).toEqual(['GMR-2026-01', 'GMR-2025-10']);
    expect((rest.data?.medicinesGuideVersions as typeof page).pageInfo.hasNextPage).toBe(false);
  });

  it.each<[string, Partial<Caller>]>([
    ['an OG, whatever its purposes', { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG' }],
    ['a pharmacy', { clientId: 'pharmacie-zzp00002', org: 'ZZP00002', orgKind: 'ESTABLISHMENT' }],
    ['a regulator that is not ANAM', { clientId: 'cndp-inspector', org: 'CNDP', orgKind: 'DPA' }],
    ['ANAM without the purpose reference:import', { purposes: ['medicine:read'] }],
  ])('refuses every import operation to %s (FORBIDDEN), and changes nothing', async (_label, overrides) => {
    const before = await snapshot();
    const caller = testCaller(overrides);
    const results = [
      await execute(IMPORT, { input: { csv: VALID.replace('2026-06-01', '2026-09-01') } }, caller),
      await execute(ROLLBACK, { versionId: IMPORTED }, caller),
      await execute(VERSIONS, {}, caller),
      await execute(CHANGES, { versionId: IMPORTED }, caller),
    ];
    for (const result of results) {
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(Object.values(result.data ?? {}).every((value) => value === null)).toBe(true);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('reports the GMR copy on /readyz: the version in force today, its age, and whether it is stale', async () => {
    const server: Server = createServer((req, res) => void app.handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { referenceCopies?: unknown[] };
      expect(ready.referenceCopies).toEqual([
        { copy: 'gmr', version: 'GMR-2026-03', asOf: '2026-03-01', ageDays: 1, maxAge: '120 days', stale: false },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('rolls back only the latest version, in one transaction: the version before is in force again', async () => {
    expect(errorOf(await execute(ROLLBACK, { versionId: 'GMR-2026-03' }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'IMPORT_ROLLBACK_NOT_LATEST',
      params: { latest: IMPORTED },
    });
    const result = await execute(ROLLBACK, { versionId: IMPORTED });
    expect(result.errors).toBeUndefined();
    expect(result.data?.rollbackMedicinesGuide).toEqual({
      rolledBack: { versionId: IMPORTED, effectiveDate: '2026-06-01', medicineCount: 7 },
      latest: { versionId: 'GMR-2026-03', effectiveDate: '2026-03-01', validUntil: null, inForce: true },
    });
    const state = await snapshot();
    expect(state.versions.map((version) => version.code)).toEqual(['GMR-2025-10', 'GMR-2026-01', 'GMR-2026-03']);
    expect(state.versions).toContainEqual({ code: 'GMR-2026-03', until: null });
    expect({ imports: state.imports, changes: state.changes }).toEqual({ imports: 0, changes: 0 });
    const basis = await execute(BASIS, { code: GLUCORIL, date: '2026-06-01' });
    expect(basis.data?.reimbursementBasis).toMatchObject({
      gmrVersion: 'GMR-2026-03',
      gmrVersionEffectiveDate: '2026-03-01',
      pbrCentimes: 2150,
    });
  });

  it('does not roll back a version no import loaded, nor one that no longer exists', async () => {
    expect(errorOf(await execute(ROLLBACK, { versionId: 'GMR-2026-03' }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'IMPORT_ROLLBACK_NOT_IMPORTED',
      params: { version: 'GMR-2026-03' },
    });
    expect(errorOf(await execute(ROLLBACK, { versionId: IMPORTED }))).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'IMPORT_VERSION_NOT_FOUND',
    });
  });

  it('loads the same file again after its rollback, once when it is sent twice at the same time', async () => {
    const results = await Promise.all([importFile(VALID), importFile(VALID)]);
    for (const result of results) expect(result.errors).toBeUndefined();
    const outcomes = results.map((result) => result.data?.importMedicinesGuide as { replayed: boolean; version: { versionId: string } });
    expect(outcomes.map((outcome) => outcome.replayed).sort()).toEqual([false, true]);
    expect(outcomes.map((outcome) => outcome.version.versionId)).toEqual([IMPORTED, IMPORTED]);
    expect((await snapshot()).imports).toBe(1);
    expect((await execute(ROLLBACK, { versionId: IMPORTED })).errors).toBeUndefined();
  });
});
