import { seedDatabase } from '@cmb/kit';
import { Kind, parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildMedicinesApp, type MedicinesApp } from '../app';
import { loadConfig } from '../config';
import { medicinesDataSource } from '../data-source';
import { searchKey } from '../rules/search-key';
import { fixtureEan13 } from '../seed/fixture-medicines';
import { medicinesSeed } from '../seed/seed';

const MEDICINE = /* GraphQL */ `
  query ($code: String!) {
    medicine(code: $code) {
      ean13
      dci
      brand
      form
      dosage
      presentation
      publicPrice
      publicPriceCentimes
      pbr
      pbrCentimes
      generic
      reimbursable
      princepsEan13
      therapeuticClass
      gmrVersion
    }
  }
`;
const SEARCH = /* GraphQL */ `
  query ($text: String!, $first: Int, $after: String) {
    searchMedicines(text: $text, first: $first, after: $after) {
      gmrVersion
      edges {
        cursor
        node {
          ean13
          dci
          brand
          gmrVersion
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;
const BASIS = /* GraphQL */ `
  query ($code: String!, $date: Date) {
    reimbursementBasis(code: $code, date: $date) {
      ean13
      date
      listed
      reimbursable
      reason
      pbr
      pbrCentimes
      publicPrice
      basedOnGeneric
      gmrVersion
      lastListedVersion
    }
  }
`;
const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Medicine {
        ean13
        brand
        gmrVersion
        pbr
      }
    }
  }
`;

/** "Today" for the whole file: the first working day of GMR-2026-03, the personas' care date. */
const TODAY = new Date('2026-03-02T10:00:00Z');
const GLUCORIL = fixtureEan13('GLUCORIL');
const DEMOPHARM = fixtureEan13('METFORMINE_DEMOPHARM');
const EXEMPLAB = fixtureEan13('METFORMINE_EXEMPLAB');
const INSULATIS = fixtureEan13('INSULATIS');
const VITAMINOL = fixtureEan13('VITAMINOL');

interface SearchPage {
  gmrVersion: string;
  edges: { cursor: string; node: { ean13: string; dci: string; brand: string; gmrVersion: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

describe.each(ENGINES)('medicines subgraph on %s', (engine) => {
  let database: TestDatabase;
  let app: MedicinesApp;

  async function execute(query: string, variables: Record<string, unknown> = {}) {
    return executeAs(app, query, variables);
  }

  async function search(text: string, first?: number, after?: string | null): Promise<SearchPage> {
    const result = await execute(SEARCH, { text, first, after });
    expect(result.errors).toBeUndefined();
    return result.data?.searchMedicines as SearchPage;
  }

  /** Every page of a search, following the cursors. */
  async function searchAll(text: string, first: number): Promise<SearchPage[]> {
    const pages: SearchPage[] = [];
    let after: string | null = null;
    do {
      const page = await search(text, first, after);
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after && pages.length < 100);
    return pages;
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'medicines');
    const config = { ...loadConfig({ NODE_ENV: 'test' }), database: database.config };
    const dataSource = medicinesDataSource(database.config);
    await seedDatabase(dataSource, medicinesSeed, { persons: 300, seed: 7 });
    app = await buildMedicinesApp(config, dataSource, { clock: () => TODAY });
  });

  afterAll(async () => {
    await app?.apollo.stop();
    await app?.drain?.();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('serves a medicine by code from the version valid today, prices in MAD and centimes', async () => {
    const result = await execute(MEDICINE, { code: GLUCORIL });
    expect(result.errors).toBeUndefined();
    expect(result.data?.medicine).toEqual({
      ean13: GLUCORIL,
      dci: 'metformine',
      brand: 'Glucoril',
      form: 'comprimé pelliculé',
      dosage: '850 mg',
      presentation: 'Boîte de 60 comprimés pelliculés',
      publicPrice: 45,
      publicPriceCentimes: 4500,
      pbr: 21.5,
      pbrCentimes: 2150,
      generic: false,
      reimbursable: true,
      princepsEan13: null,
      therapeuticClass: 'Antidiabétiques oraux (biguanides)',
      gmrVersion: 'GMR-2026-03',
    });
  });

  it('answers null for a medicine no longer listed today', async () => {
    const result = await execute(MEDICINE, { code: DEMOPHARM });
    expect(result.errors).toBeUndefined();
    expect(result.data?.medicine).toBeNull();
  });

  it('searches by DCI across pages with opaque cursors, without gaps or repeats', async () => {
    const pages = await searchAll('metformine', 7);
    const nodes = pages.flatMap((page) => page.edges.map((edge) => edge.node));
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]?.pageInfo.hasPreviousPage).toBe(false);
    expect(pages[1]?.pageInfo.hasPreviousPage).toBe(true);
    expect(pages.at(-1)?.pageInfo.hasNextPage).toBe(false);
    expect(new Set(nodes.map((n) => n.ean13)).size).toBe(nodes.length);
    for (const node of nodes) {
      expect(node.gmrVersion).toBe('GMR-2026-03');
      expect(searchKey(node.dci).startsWith('metformine') || searchKey(node.brand).startsWith('metformine')).toBe(true);
    }
    const order = nodes.map((n) => `${searchKey(n.brand)}|${n.ean13}`);
    expect(order).toEqual([...order].sort());
    const codes = nodes.map((n) => n.ean13);
    expect(codes).toEqual(expect.arrayContaining([GLUCORIL, fixtureEan13('METFORMINE_FICTILAB'), EXEMPLAB]));
    expect(codes).not.toContain(DEMOPHARM);
    for (const page of pages) expect(page.pageInfo.endCursor).not.toContain('metformine');
    const expected = (await app.dataSource.query(
      `SELECT COUNT(*) AS n FROM gmr_medicine WHERE gmr_version = 'GMR-2026-03' AND (dci_key LIKE 'metformine%' OR brand_key LIKE 'metformine%')`,
    )) as { n: string | number }[];
    expect(nodes.length).toBe(Number(expected[0]?.n));
  });

  it('searches by brand, ignoring case and accents', async () => {
    const page = await search('GLUCORIL');
    expect(page.edges.map((edge) => edge.node.ean13)).toEqual([GLUCORIL]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const accented = await search('Paracétamol', 50);
    const plain = await search('PARACETAMOL', 50);
    expect(accented.edges.length).toBeGreaterThan(0);
    expect(accented.edges.map((e) => e.node.ean13)).toEqual(plain.edges.map((e) => e.node.ean13));
  });

  it('searches by code prefix', async () => {
    const page = await search('6119999000', 20);
    expect(page.edges.map((edge) => edge.node.ean13).sort()).toEqual(
      ['GLUCORIL', 'METFORMINE_FICTILAB', 'METFORMINE_EXEMPLAB', 'INSULATIS', 'AMOXAL', 'AMOXICILLINE_FICTILAB', 'VITAMINOL']
        .map(fixtureEan13)
        .sort(),
    );
  });

  it('bases a princeps on its generics, per the version valid on each date (R12)', async () => {
    const before = await execute(BASIS, { code: GLUCORIL, date: '2026-02-28' });
    const after = await execute(BASIS, { code: GLUCORIL, date: '2026-03-01' });
    expect(before.errors).toBeUndefined();
    expect(before.data?.reimbursementBasis).toMatchObject({
      ean13: GLUCORIL,
      date: '2026-02-28',
      listed: true,
      reimbursable: true,
      reason: 'REIMBURSABLE',
      pbr: 23.8,
      pbrCentimes: 2380,
      publicPrice: 45,
      basedOnGeneric: true,
      gmrVersion: 'GMR-2026-01',
    });
    expect(after.data?.reimbursementBasis).toMatchObject({
      listed: true,
      reimbursable: true,
      pbr: 21.5,
      basedOnGeneric: true,
      gmrVersion: 'GMR-2026-03',
    });
  });

  it('lists a new generic only from its version on', async () => {
    const before = await execute(BASIS, { code: EXEMPLAB, date: '2026-02-28' });
    const after = await execute(BASIS, { code: EXEMPLAB, date: '2026-03-01' });
    expect(before.data?.reimbursementBasis).toMatchObject({
      listed: false,
      reimbursable: false,
      reason: 'NOT_LISTED',
      pbr: null,
      gmrVersion: 'GMR-2026-01',
    });
    expect(after.data?.reimbursementBasis).toMatchObject({
      listed: true,
      reimbursable: true,
      reason: 'REIMBURSABLE',
      pbr: 19.9,
      basedOnGeneric: true,
    });
  });

  it('reports a withdrawn medicine, and reads today in Africa/Casablanca when no date is given', async () => {
    const before = await execute(BASIS, { code: DEMOPHARM, date: '2026-02-15' });
    const today = await execute(BASIS, { code: DEMOPHARM });
    expect(before.data?.reimbursementBasis).toMatchObject({ listed: true, reimbursable: true, pbr: 23.8 });
    expect(today.errors).toBeUndefined();
    expect(today.data?.reimbursementBasis).toMatchObject({
      date: '2026-03-02',
      listed: false,
      reimbursable: false,
      reason: 'WITHDRAWN',
      pbr: null,
      basedOnGeneric: false,
      gmrVersion: 'GMR-2026-03',
      lastListedVersion: 'GMR-2026-01',
    });
  });

  it('keeps a princeps without generic on its own price, and refuses a listed but non-reimbursable pack', async () => {
    const insulin = await execute(BASIS, { code: INSULATIS, date: '2026-03-02' });
    const vitamin = await execute(BASIS, { code: VITAMINOL, date: '2026-03-02' });
    const none = await execute(BASIS, { code: GLUCORIL, date: '2025-06-01' });
    expect(insulin.data?.reimbursementBasis).toMatchObject({ reimbursable: true, pbr: 655.5, basedOnGeneric: false });
    expect(vitamin.data?.reimbursementBasis).toMatchObject({
      listed: true,
      reimbursable: false,
      reason: 'NOT_REIMBURSABLE',
      pbr: null,
      publicPrice: 24,
    });
    expect(none.data?.reimbursementBasis).toMatchObject({ listed: false, reason: 'NO_GMR_VERSION', gmrVersion: null });
  });

  it.each([
    ['a code with a wrong check digit', MEDICINE, { code: '6119999000012' }, '6119999000012'],
    ['a code of 12 digits', BASIS, { code: '611999900001' }, '611999900001'],
    ['a code with letters', BASIS, { code: 'GLUCORIL-850' }, 'GLUCORIL-850'],
    ['a page larger than 100', SEARCH, { text: 'metformine', first: 101 }, '101'],
    ['a text of one letter', SEARCH, { text: 'x' }, null],
    ['a forged cursor', SEARCH, { text: 'metformine', after: 'Zm9yZ2Vk' }, 'Zm9yZ2Vk'],
  ])('refuses %s with BAD_USER_INPUT, without echoing it', async (_label, query, variables, value) => {
    const result = await execute(query, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    if (value) expect(result.errors?.[0]?.message).not.toContain(value);
  });

  it('resolves Medicine references in one batched lookup', async () => {
    const listingsIn = vi.spyOn(app.services.store, 'listingsIn');
    try {
      const result = await execute(ENTITIES, {
        representations: [GLUCORIL, INSULATIS, DEMOPHARM, 'not-an-ean', GLUCORIL].map((ean13) => ({ __typename: 'Medicine', ean13 })),
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([
        { ean13: GLUCORIL, brand: 'Glucoril', gmrVersion: 'GMR-2026-03', pbr: 21.5 },
        { ean13: INSULATIS, brand: 'Insulatis', gmrVersion: 'GMR-2026-03', pbr: 655.5 },
        null,
        null,
        { ean13: GLUCORIL, brand: 'Glucoril', gmrVersion: 'GMR-2026-03', pbr: 21.5 },
      ]);
      expect(listingsIn).toHaveBeenCalledTimes(1);
      expect(listingsIn.mock.calls[0]?.[1]).toEqual([GLUCORIL, INSULATIS, DEMOPHARM]);
    } finally {
      listingsIn.mockRestore();
    }
  });

  it('lists the GMR versions, newest first, with the current one marked', async () => {
    const result = await execute(`{ gmrVersions { code publishedOn validFrom validUntil current medicineCount } }`);
    expect(result.errors).toBeUndefined();
    const versions = result.data?.gmrVersions as { code: string; validUntil: string | null; current: boolean; medicineCount: number }[];
    expect(versions.map((v) => v.code)).toEqual(['GMR-2026-03', 'GMR-2026-01', 'GMR-2025-10']);
    expect(versions.map((v) => v.current)).toEqual([true, false, false]);
    expect(versions[0]?.validUntil).toBeNull();
    for (const version of versions) expect(version.medicineCount).toBeGreaterThan(4_500);
  });

  it('publishes the @key and the @scopes directive of every query field', async () => {
    const result = await execute('{ _service { sdl } }');
    const document = parse((result.data?._service as { sdl: string }).sdl);
    const objects = document.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
    const medicine = objects.find((d) => d.name.value === 'Medicine');
    expect(medicine?.directives?.map((d) => print(d))).toContain('@key(fields: "ean13")');
    const query = objects.find((d) => d.name.value === 'Query');
    const scoped = Object.fromEntries(
      (query?.fields ?? []).map((field) => [
        field.name.value,
        field.directives?.filter((d) => d.name.value === 'scopes').map((d) => print(d)),
      ]),
    );
    for (const field of ['medicine', 'searchMedicines', 'reimbursementBasis', 'gmrVersions']) {
      expect(scoped[field]).toEqual(['@scopes(anyOf: ["medicine:read", "eligibility:check"])']);
    }
  });
});
