import { seedDatabase } from '@cmb/kit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildProvidersApp, type ProvidersApp } from '../app';
import { loadConfig } from '../config';
import { providersDataSource } from '../data-source';
import { ProviderEntity } from '../entities/provider.entity';
import { providersSeed } from '../seed/seed';
import { ProviderStore } from '../services/provider-store';

const PROVIDER = /* GraphQL */ `
  query ($inpe: String!) {
    provider(inpe: $inpe) {
      inpe
      name
      kind
      category
      specialty
      sector
      region
      status
      active
      conventioned
      registryVersion
      conventions {
        organism
        paymentMode
        active
      }
      attachedTo {
        inpe
        category
      }
    }
  }
`;
const PROVIDERS = /* GraphQL */ `
  query ($filter: ProviderFilter, $first: Int, $after: String) {
    providers(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          inpe
        }
      }
      nodes {
        inpe
        region
        kind
        category
        status
        name
        conventioned
      }
      endCursor
      hasNextPage
    }
  }
`;
const ATTACHED = /* GraphQL */ `
  query ($inpe: String!) {
    attachedProfessionals(establishmentInpe: $inpe) {
      inpe
      kind
    }
  }
`;
const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on EligibilityDecision {
        id
        providerFacts {
          registered
          active
          givesCare
        }
        conventionFacts: providerFacts {
          conventions {
            organism
            careType
            paymentMode
          }
          registryVersion
          registryAsOf
          registryStale
        }
        provider {
          inpe
          active
          registryVersion
        }
      }
      ... on Provider {
        inpe
        name
        kind
      }
    }
  }
`;
const REGISTRY = /* GraphQL */ `
  {
    providerRegistryVersion {
      id
      publishedOn
      providerCount
      workingDaysSincePublication
      stale
    }
  }
`;

/** The day the personas' checks are made (domain.md §9). */
const CARE_DATE = '2026-03-02';
const decision = (id: string, providerInpe: string, careDate = CARE_DATE) => ({
  __typename: 'EligibilityDecision',
  id,
  providerInpe,
  careDate,
});

type Node = { inpe: string; region: string; kind: string; category: string; status: string; name: string; conventioned: boolean };
type Page = { edges: { cursor: string; node: { inpe: string } }[]; nodes: Node[]; endCursor: string | null; hasNextPage: boolean };

describe.each(ENGINES)('providers subgraph on %s', (engine) => {
  let database: TestDatabase;
  let app: ProvidersApp;

  async function execute(query: string, variables: Record<string, unknown> = {}) {
    return executeAs(app, query, variables);
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'providers');
    const config = { ...loadConfig({ NODE_ENV: 'test' }), database: database.config };
    const dataSource = providersDataSource(database.config);
    await seedDatabase(dataSource, providersSeed, { persons: 300, seed: 7 });
    app = await buildProvidersApp(config, dataSource, () => new Date(`${CARE_DATE}T10:00:00Z`));
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads a persona provider with its conventions, attachments and registry version', async () => {
    const result = await execute(PROVIDER, { inpe: 'zzp00001' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.provider).toEqual({
      inpe: 'ZZP00001',
      name: expect.any(String),
      kind: 'PROFESSIONAL',
      category: 'GENERAL_PRACTITIONER',
      specialty: null,
      sector: 'PRIVATE',
      region: 'CSE',
      status: 'ACTIVE',
      active: true,
      conventioned: true,
      registryVersion: 'INPE-2026-02-27',
      conventions: expect.arrayContaining([
        { organism: 'CNSS', paymentMode: 'TIERS_PAYANT', active: true },
        { organism: 'CNOPS', paymentMode: 'DIRECT', active: true },
      ]),
      attachedTo: [{ inpe: 'ZZP00010', category: 'CLINIC' }],
    });
  });

  it.each([
    { inpe: 'ZZP00002', expected: { kind: 'ESTABLISHMENT', category: 'PHARMACY', region: 'CSE', status: 'ACTIVE', active: true } },
    {
      inpe: 'ZZP00003',
      expected: { kind: 'PROFESSIONAL', category: 'SPECIALIST', specialty: 'ENDOCRINOLOGIE', region: 'FME', active: true },
    },
    { inpe: 'ZZP00004', expected: { kind: 'ESTABLISHMENT', category: 'PUBLIC_HOSPITAL', sector: 'PUBLIC', region: 'RSK', active: true } },
    { inpe: 'ZZP00010', expected: { kind: 'ESTABLISHMENT', category: 'CLINIC', sector: 'PRIVATE', region: 'CSE', active: true } },
    { inpe: 'ZZP99999', expected: { category: 'GENERAL_PRACTITIONER', status: 'CLOSED', active: false, conventioned: false } },
  ])('reads persona provider $inpe', async ({ inpe, expected }) => {
    const result = await execute(PROVIDER, { inpe });
    expect(result.errors).toBeUndefined();
    expect(result.data?.provider).toMatchObject({ inpe, ...expected });
  });

  it('answers null, not an error, for a well-formed unknown INPE', async () => {
    const result = await execute(PROVIDER, { inpe: 'ZZP88888' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.provider).toBeNull();
  });

  it('refuses a malformed INPE with BAD_USER_INPUT and does not echo it', async () => {
    const result = await execute(PROVIDER, { inpe: 'INPE-42-@@' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).not.toContain('INPE-42-@@');
  });

  it('pages through a filtered listing with opaque cursors, without gaps or repeats', async () => {
    const filter = { region: 'CSE', kind: 'PROFESSIONAL' };
    const expected = await app.dataSource.getRepository(ProviderEntity).count({ where: { region: 'CSE', kind: 'PROFESSIONAL' } });
    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNumber = 0; pageNumber < 100; pageNumber += 1) {
      const result = await execute(PROVIDERS, { filter, first: 7, after });
      expect(result.errors).toBeUndefined();
      const page = result.data?.providers as Page;
      expect(page.nodes.every((node) => node.region === 'CSE' && node.kind === 'PROFESSIONAL')).toBe(true);
      expect(page.edges.map((edge) => edge.node.inpe)).toEqual(page.nodes.map((node) => node.inpe));
      expect(page.edges.every((edge) => !edge.cursor.includes(edge.node.inpe))).toBe(true);
      seen.push(...page.nodes.map((node) => node.inpe));
      if (!page.hasNextPage) break;
      expect(page.nodes).toHaveLength(7);
      after = page.endCursor;
    }
    expect(expected).toBeGreaterThan(7);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    expect([...seen].sort()).toEqual(seen);
    expect(seen).toContain('ZZP00001');
  });

  it.each([
    {
      name: 'category and status',
      filter: { category: 'pharmacy', status: 'ACTIVE' },
      check: (n: Node) => n.category === 'PHARMACY' && n.status === 'ACTIVE',
    },
    {
      name: 'name text, case-insensitive',
      filter: { nameContains: 'SYNTHETIQUE' },
      check: (n: Node) => n.name.toLowerCase().includes('synthetique'),
    },
    { name: 'a LIKE wildcard taken literally', filter: { nameContains: '%' }, check: () => false },
  ])('filters by $name', async ({ filter, check }) => {
    const result = await execute(PROVIDERS, { filter, first: 100 });
    expect(result.errors).toBeUndefined();
    const page = result.data?.providers as Page;
    expect(page.nodes.every(check)).toBe(true);
    if (filter.nameContains === 'SYNTHETIQUE') {
      expect(page.nodes.map((n) => n.inpe)).toEqual(['ZZP00002', 'ZZP00004', 'ZZP00010']);
    }
  });

  it('uses the default page size and batches the conventions of a page in one query', async () => {
    const conventionsOf = vi.spyOn(ProviderStore.prototype, 'conventionsOf');
    const result = await execute(PROVIDERS, {});
    expect(result.errors).toBeUndefined();
    const page = result.data?.providers as Page;
    expect(page.nodes).toHaveLength(20);
    expect(page.hasNextPage).toBe(true);
    // One batched read at most: the codes earlier requests read are in the version's cache already.
    expect(conventionsOf.mock.calls.length).toBeLessThanOrEqual(1);
    const asked = new Set(page.nodes.map((node) => node.inpe));
    expect([...(conventionsOf.mock.calls[0]?.[0] ?? [])].every((inpe) => asked.has(inpe))).toBe(true);
    conventionsOf.mockClear();
    expect((await execute(PROVIDERS, {})).errors).toBeUndefined();
    expect(conventionsOf).not.toHaveBeenCalled();
  });

  it.each([
    { name: 'first above 100', variables: { first: 101 } },
    { name: 'first zero', variables: { first: 0 } },
    { name: 'a forged cursor', variables: { after: 'WlpQMDAwMDE' } },
    { name: 'an unknown region', variables: { filter: { region: 'ATLANTIS' } } },
    { name: 'an unknown category', variables: { filter: { category: 'WIZARD' } } },
  ])('refuses $name with BAD_USER_INPUT', async ({ variables }) => {
    const result = await execute(PROVIDERS, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists the professionals attached to an establishment', async () => {
    const result = await execute(ATTACHED, { inpe: 'ZZP00010' });
    expect(result.errors).toBeUndefined();
    const inpes = (result.data?.attachedProfessionals as { inpe: string; kind: string }[]).map((p) => p.inpe);
    expect(inpes).toEqual(expect.arrayContaining(['ZZP00001', 'ZZP99999']));
    expect((result.data?.attachedProfessionals as { kind: string }[]).every((p) => p.kind === 'PROFESSIONAL')).toBe(true);
    const unknown = await execute(ATTACHED, { inpe: 'ZZP88888' });
    expect(unknown.data?.attachedProfessionals).toEqual([]);
    const malformed = await execute(ATTACHED, { inpe: 'bad' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('contributes provider facts to several decisions with one batched lookup', async () => {
    const findByInpes = vi.spyOn(ProviderStore.prototype, 'findByInpes');
    const result = await execute(ENTITIES, {
      representations: [
        decision('d1', 'ZZP00001'),
        decision('d2', 'ZZP99999'),
        decision('d3', 'ZZP88888'),
        decision('d4', 'ZZP99999', '2025-06-01'),
      ],
    });
    expect(result.errors).toBeUndefined();
    const registry = { registryVersion: 'INPE-2026-02-27', registryAsOf: '2026-02-27', registryStale: false };
    const entities = result.data?._entities as Record<string, unknown>[];
    expect(entities.map(({ conventionFacts: _facts, ...rest }) => rest)).toEqual([
      {
        id: 'd1',
        providerFacts: { registered: true, active: true, givesCare: true },
        provider: { inpe: 'ZZP00001', active: true, registryVersion: 'INPE-2026-02-27' },
      },
      {
        id: 'd2',
        providerFacts: { registered: true, active: false, givesCare: true },
        provider: { inpe: 'ZZP99999', active: false, registryVersion: 'INPE-2026-02-27' },
      },
      { id: 'd3', providerFacts: { registered: false, active: false, givesCare: false }, provider: null },
      {
        // The status is read on the day of care, in the facts and in the provider alike: active before its withdrawal.
        id: 'd4',
        providerFacts: { registered: true, active: true, givesCare: true },
        provider: { inpe: 'ZZP99999', active: true, registryVersion: 'INPE-2026-02-27' },
      },
    ]);
    // R7: the conventions in force on the day of care, with every OG; the copy they were read from.
    expect(entities.map((entity) => entity.conventionFacts)).toEqual([
      {
        conventions: [
          { organism: 'CNOPS', careType: null, paymentMode: 'DIRECT' },
          { organism: 'CNSS', careType: null, paymentMode: 'TIERS_PAYANT' },
        ],
        ...registry,
      },
      { conventions: [], ...registry },
      { conventions: [], ...registry },
      { conventions: [{ organism: 'CNSS', careType: null, paymentMode: 'TIERS_PAYANT' }], ...registry },
    ]);
    // One batched read at most, of codes not read before: the version's cache answers the rest, unknown codes included.
    expect(findByInpes.mock.calls.length).toBeLessThanOrEqual(1);
    expect([...(findByInpes.mock.calls[0]?.[0] ?? [])].every((inpe) => ['ZZP00001', 'ZZP88888', 'ZZP99999'].includes(inpe))).toBe(true);
  });

  it('refuses a malformed INPE in a decision with BAD_USER_INPUT, without echoing it', async () => {
    const result = await execute(ENTITIES, { representations: [decision('d1', 'NOT-AN-INPE-77')] });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).not.toContain('NOT-AN-INPE-77');
  });

  it('resolves Provider references by INPE, batched', async () => {
    const findByInpes = vi.spyOn(ProviderStore.prototype, 'findByInpes');
    const result = await execute(ENTITIES, {
      representations: [
        { __typename: 'Provider', inpe: 'ZZP00002' },
        { __typename: 'Provider', inpe: 'ZZP00004' },
        { __typename: 'Provider', inpe: 'ZZP88888' },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { inpe: 'ZZP00002', name: expect.any(String), kind: 'ESTABLISHMENT' },
      { inpe: 'ZZP00004', name: expect.any(String), kind: 'ESTABLISHMENT' },
      null,
    ]);
    expect(findByInpes.mock.calls.length).toBeLessThanOrEqual(1);
    findByInpes.mockClear();
    expect((await execute(ENTITIES, { representations: [{ __typename: 'Provider', inpe: 'ZZP00002' }] })).errors).toBeUndefined();
    expect(findByInpes).not.toHaveBeenCalled();
  });

  it('names the registry version in force and whether the copy is stale', async () => {
    const result = await execute(REGISTRY);
    expect(result.errors).toBeUndefined();
    expect(result.data?.providerRegistryVersion).toEqual({
      id: 'INPE-2026-02-27',
      publishedOn: '2026-02-27',
      providerCount: 506,
      workingDaysSincePublication: 1,
      stale: false,
    });
  });
});
