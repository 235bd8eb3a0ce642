import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL, type GraphQLAnswer } from '../support/graphql-client';
import { authAs } from '../support/tokens';

/** A code of the registry as the `providers` listing gives it. */
interface ListedProvider {
  inpe: string;
  kind: string;
  category: string;
  specialty: string | null;
  name: string;
  sector: string;
  region: string;
  status: string;
  activeFrom: string;
  activeUntil: string | null;
}

const PROVIDERS = /* GraphQL */ `
  query ($after: String) {
    providers(first: 100, after: $after) {
      nodes {
        inpe
        kind
        category
        specialty
        name
        sector
        region
        status
        activeFrom
        activeUntil
      }
      endCursor
      hasNextPage
    }
  }
`;
const IN_FORCE = '{ providerRegistryVersion { id publishedOn } }';
const IMPORT = /* GraphQL */ `
  mutation ($csv: String!) {
    importProviderRegistry(input: { csv: $csv }) {
      alreadyLoaded
      version {
        id
        status
        inForce
        providerCount
        added
        changed
        withdrawn
        loadedBy
      }
    }
  }
`;
const CHANGES = /* GraphQL */ `
  query ($versionId: String!) {
    providerRegistryChanges(versionId: $versionId, first: 50) {
      nodes {
        inpe
        kind
        changedFields
        after {
          region
          status
        }
      }
      hasNextPage
    }
  }
`;
const CHANGE_NAMES = /* GraphQL */ `
  query ($versionId: String!) {
    providerRegistryChanges(versionId: $versionId, kind: ADDED) {
      nodes {
        inpe
        after {
          name
        }
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
      }
      inForce {
        id
      }
    }
  }
`;

/** A check by a professional the seeded registry does not know (synthetic client cabinet-zzp88888), for an insured persona. */
const UNKNOWN_PROFESSIONAL = 'ZZP88888';
const CHECK = /* GraphQL */ `
  query ($input: EligibilityInput!) {
    eligibility(input: $input) {
      outcome
      provider {
        inpe
        active
      }
    }
  }
`;
const CHECK_INPUT = { nationalId: 'ZZ000001', providerInpe: UNKNOWN_PROFESSIONAL, date: '2026-03-02', careType: 'CONSULTATION' };
/** The providers fetches the gateway answered from its shared answers so far (Prometheus text). */
async function sharedProviderFetches(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const found = /^cmb_gateway_subgraph_fetch_duration_seconds_count\{subgraph="providers",outcome="shared"\} (\d+)$/m.exec(text);
  return Number(found?.[1] ?? 0);
}

/** The extraction date of the file: after the seeded versions (February 2026), long before today, so staleness reads as before. */
const EXTRACTED_ON = '2026-03-06';
/** A code the seed never gives. */
const NEW_CODE = 'ZZP00150';
const HEADER = 'inpe;kind;category;specialty;name;sector;region;status;active_from;active_until';
const FILE_KINDS: Record<string, string> = { PROFESSIONAL: 'PS', ESTABLISHMENT: 'ES' };

/** One line of the registry file: the name quoted (it may hold a quote or a separator). */
function line(p: ListedProvider): string {
  const name = `"${p.name.replace(/"/g, '""')}"`;
  return [
    p.inpe,
    FILE_KINDS[p.kind],
    p.category,
    p.specialty ?? '',
    name,
    p.sector,
    p.region,
    p.status,
    p.activeFrom,
    p.activeUntil ?? '',
  ].join(';');
}

function registryFile(lines: readonly string[]): string {
  return [`#INPE;extracted_on=${EXTRACTED_ON};rows=${lines.length}`, HEADER, ...lines, ''].join('\n');
}

/** One page of the providers listing, as the tests read it. */
type ProvidersPage = { providers: { nodes: ListedProvider[]; endCursor: string | null; hasNextPage: boolean } };

describe('ANAM loads a version of the INPE registry through the gateway, reads its diff, and rolls it back', () => {
  const url = inject('gatewayUrl');
  let importing: Record<string, string>;
  let reading: Record<string, string>;
  let checking: Record<string, string>;
  let seededVersion: string;
  let copy: ListedProvider[];
  let loadedVersion: string | null = null;

  beforeAll(async () => {
    importing = await authAs('anam-registry', 'reference:import');
    reading = await authAs('anam-registry', 'provider:read');
    checking = await authAs('cabinet-zzp88888', 'eligibility:check');
    const inForce = await postGraphQL<{ providerRegistryVersion: { id: string } | null }>(url, IN_FORCE, {}, reading);
    expect(inForce.body.errors).toBeUndefined();
    seededVersion = inForce.body.data?.providerRegistryVersion?.id ?? '';
    copy = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const answer: GraphQLAnswer<ProvidersPage> = await postGraphQL<ProvidersPage>(url, PROVIDERS, { after }, reading);
      expect(answer.body.errors).toBeUndefined();
      const listing = answer.body.data?.providers;
      copy.push(...(listing?.nodes ?? []));
      if (!listing?.hasNextPage) break;
      after = listing.endCursor;
    }
  });

  // Whatever happens in between, the registry is left as the personas and the other tests need it.
  afterAll(async () => {
    if (loadedVersion) await postGraphQL(url, ROLLBACK, { versionId: loadedVersion }, importing);
  });

  it('starts from the seeded registry', () => {
    expect(seededVersion).toMatch(/^INPE-2026-02-/);
    expect(copy.length).toBeGreaterThan(500);
    expect(copy.some((p) => p.inpe === NEW_CODE)).toBe(false);
  });

  it('loads a file of the seeded registry with one code added and one moved: a new version with its counts', async () => {
    const moved = copy.find((p) => p.inpe >= 'ZZP10000' && p.status === 'ACTIVE' && p.region !== 'DOD') as ListedProvider;
    const lines = [
      ...copy.map((p) => (p.inpe === moved.inpe ? line({ ...p, region: 'DOD' }) : line(p))),
      line({ ...moved, inpe: NEW_CODE, region: 'TTA', name: 'Dr Amine Passerelle', activeFrom: '2026-03-01', activeUntil: null }),
    ];
    const answer = await postGraphQL(url, IMPORT, { csv: registryFile(lines) }, importing);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.importProviderRegistry).toEqual({
      alreadyLoaded: false,
      version: {
        id: `INPE-${EXTRACTED_ON}`,
        status: 'CURRENT',
        inForce: true,
        providerCount: copy.length + 1,
        added: 1,
        changed: 1,
        withdrawn: 0,
        loadedBy: 'anam-registry',
      },
    });
    loadedVersion = `INPE-${EXTRACTED_ON}`;

    const changes = await postGraphQL(url, CHANGES, { versionId: loadedVersion }, importing);
    expect(changes.body.errors).toBeUndefined();
    expect(changes.body.data?.providerRegistryChanges).toEqual({
      nodes: [
        {
          inpe: NEW_CODE,
          kind: 'ADDED',
          changedFields: expect.arrayContaining(['name', 'region']),
          after: { region: 'TTA', status: 'ACTIVE' },
        },
        { inpe: moved.inpe, kind: 'CHANGED', changedFields: ['region'], after: { region: 'DOD', status: 'ACTIVE' } },
      ].sort((a, b) => (a.inpe < b.inpe ? -1 : 1)),
      hasNextPage: false,
    });
  });

  it("shows a professional's name in the diff to the purpose that reads providers only", async () => {
    const refused = await postGraphQL(url, CHANGE_NAMES, { versionId: loadedVersion }, importing);
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      refusedPaths: ['providerRegistryChanges.nodes.after.name'],
    });
    expect(refused.body.data ?? null).toBeNull();
    const read = await postGraphQL(url, CHANGE_NAMES, { versionId: loadedVersion }, reading);
    expect(read.body.data?.providerRegistryChanges).toEqual({ nodes: [{ inpe: NEW_CODE, after: { name: 'Dr Amine Passerelle' } }] });
  });

  it('refuses a file with errors whole, with its line errors, even one larger than the interactive body limit', async () => {
    const sample = readFileSync(join(__dirname, '../../subgraphs/providers/fixtures/inpe-registry-errors.csv'), 'utf8');
    // Lines of three fields: one error each, and a body past the 1 MiB of interactive requests.
    const padded = `${sample}${'ZZP00001;PS;padding\n'.repeat(60_000)}`;
    expect(padded.length).toBeGreaterThan(1024 * 1024);
    const refused = await postGraphQL(url, IMPORT, { csv: padded }, importing);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_FILE_REFUSED' });
    const { lineErrors, lineErrorCount } = refused.body.errors?.[0]?.extensions as {
      lineErrors: { line: number }[];
      lineErrorCount: number;
    };
    expect(lineErrors).toHaveLength(100);
    expect(lineErrors[0]?.line).toBe(1);
    expect(lineErrorCount).toBeGreaterThan(60_000);
    const tooLarge = await postGraphQL(url, IMPORT, { csv: padded }, reading);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const inForce = await postGraphQL<{ providerRegistryVersion: { id: string } }>(url, IN_FORCE, {}, reading);
    expect(inForce.body.data?.providerRegistryVersion.id).toBe(loadedVersion);
  });

  it("refuses an OG's token: FORBIDDEN, nothing loaded", async () => {
    const og = await authAs('og-cnss', 'provider:read');
    const refused = await postGraphQL(url, IMPORT, { csv: registryFile(copy.map(line)) }, og);
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rollback = await postGraphQL(url, ROLLBACK, { versionId: loadedVersion }, og);
    expect(rollback.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rolls the version back: the seeded version is in force again, the copy as it was', async () => {
    const answer = await postGraphQL(url, ROLLBACK, { versionId: loadedVersion }, importing);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.rollbackProviderRegistry).toEqual({
      rolledBack: { id: loadedVersion, status: 'ROLLED_BACK' },
      inForce: { id: seededVersion },
    });
    loadedVersion = null;
    const inForce = await postGraphQL<{ providerRegistryVersion: { id: string } }>(url, IN_FORCE, {}, reading);
    expect(inForce.body.data?.providerRegistryVersion.id).toBe(seededVersion);
    const first = await postGraphQL<{ providers: { nodes: ListedProvider[] } }>(url, PROVIDERS, { after: null }, reading);
    expect(first.body.data?.providers.nodes).toEqual(copy.slice(0, 100));
    expect(copy.find((p) => p.inpe === NEW_CODE)).toBeUndefined();
  });
  it("answers a check from the gateway's shared provider facts, and from the new version as soon as it is loaded or rolled back through the gateway", async () => {
    type Checked = { eligibility: { outcome: string; provider: { inpe: string; active: boolean } | null } };
    const check = async () => {
      const answer = await postGraphQL<Checked>(url, CHECK, { input: CHECK_INPUT }, checking);
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data?.eligibility;
    };
    const metricsUrl = inject('gatewayMetricsUrl');
    expect(await check()).toEqual({ outcome: 'PROVIDER_NOT_AUTHORIZED', provider: null });
    const sharedBefore = await sharedProviderFetches(metricsUrl);
    expect(await check()).toEqual({ outcome: 'PROVIDER_NOT_AUTHORIZED', provider: null });
    expect(await sharedProviderFetches(metricsUrl)).toBe(sharedBefore + 1);

    const template = copy.find((p) => p.kind === 'PROFESSIONAL' && p.status === 'ACTIVE') as ListedProvider;
    const professional = { ...template, inpe: UNKNOWN_PROFESSIONAL, name: 'Dr Nadia Partage', activeFrom: '2026-01-01', activeUntil: null };
    const file = registryFile([...copy.map(line), line(professional)]).replace(`extracted_on=${EXTRACTED_ON}`, 'extracted_on=2026-03-07');
    const loaded = await postGraphQL(url, IMPORT, { csv: file }, importing);
    expect(loaded.body.errors).toBeUndefined();
    loadedVersion = 'INPE-2026-03-07';
    expect(await check()).toMatchObject({ provider: { inpe: UNKNOWN_PROFESSIONAL, active: true } });

    const rolledBack = await postGraphQL(url, ROLLBACK, { versionId: loadedVersion }, importing);
    expect(rolledBack.body.errors).toBeUndefined();
    loadedVersion = null;
    expect(await check()).toEqual({ outcome: 'PROVIDER_NOT_AUTHORIZED', provider: null });
  });
});
