import { buildSchema, type GraphQLSchema } from 'graphql';
import pino from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { RegistryClient, RegistrySupergraph } from '../supergraph/registry-client';
import { SupergraphFollower } from '../supergraph/supergraph-follower';
import type { GatewayExecutor, SupergraphGeneration, SupergraphOrigin } from '../supergraph/supergraph-generation';
import { SupergraphGenerations } from '../supergraph/supergraph-generations';

/** A generation whose executor answers with its own version. */
function generation(origin: Partial<SupergraphOrigin> & { sdl?: string }): SupergraphGeneration {
  const version = origin.version ?? null;
  return {
    version,
    sha256: origin.sha256 ?? `sha-${version}`,
    source: origin.source ?? 'registry',
    ogOwners: origin.ogOwners ?? new Map(),
    sdl: origin.sdl ?? '',
    schema: buildSchema('type Query { a: Int }'),
    executor: (async () => ({ data: { version } })) as unknown as GatewayExecutor,
    requirements: { fields: new Map(), types: new Map() },
    hiddenFields: new Set(),
    routes: {},
    loadedAt: new Date().toISOString(),
    stop: async () => undefined,
  };
}

const supergraph = (version: number, sha256 = `sha-${version}`): RegistrySupergraph => ({
  version,
  sha256,
  sdl: `sdl ${version}`,
  members: [
    { name: 'beneficiaries', owner: 'ANAM', national: true },
    { name: 'cnss-claims', owner: 'CNSS', national: false },
  ],
});

/** A registry holding the given versions, or unreachable. */
function fakeRegistry(state: { versions: RegistrySupergraph[]; down?: boolean }): RegistryClient {
  const reachable = () => {
    if (state.down) throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432 user=secret'), { code: 'ECONNREFUSED' });
  };
  return {
    latest: async () => {
      reachable();
      const last = state.versions.at(-1);
      return last ? { version: last.version, sha256: last.sha256 } : null;
    },
    supergraph: async (version) => {
      reachable();
      return state.versions.find((s) => s.version === version) ?? null;
    },
    addUsage: async () => undefined,
    close: async () => undefined,
  };
}

function follower(
  state: { versions: RegistrySupergraph[]; down?: boolean },
  first: SupergraphGeneration,
  failing = new Set<number>(),
  loads = { count: 0 },
) {
  const generations = new SupergraphGenerations(first);
  const follow = new SupergraphFollower({
    registry: fakeRegistry(state),
    generations,
    load: async (s) => {
      loads.count += 1;
      if (failing.has(s.version)) throw new Error(`Invalid supergraph: version ${s.version}`);
      return generation({ version: s.version, sha256: s.sha256, sdl: s.sdl });
    },
    pollMs: 1_000,
    logger: pino({ level: 'silent' }),
    metrics: new Registry(),
  });
  return { generations, follow };
}

describe('following the registry', () => {
  it('swaps in a newer version, and relabels the build-time supergraph the registry was filled with', async () => {
    const state = { versions: [supergraph(1, 'sha-build')] };
    const { generations, follow } = follower(state, generation({ version: null, sha256: 'sha-build', source: 'build' }));
    const built = generations.latest.schema;
    await follow.poll();
    expect(generations.latest).toMatchObject({ version: 1, source: 'registry', schema: built });
    expect([...generations.latest.ogOwners]).toEqual([['cnss-claims', 'CNSS']]);
    state.versions.push(supergraph(2));
    await follow.poll();
    expect(generations.latest).toMatchObject({ version: 2, sha256: 'sha-2' });
    await follow.poll();
    expect(generations.latest.version).toBe(2);
  });

  it('never replaces a working supergraph with one that fails to load, nor tries it again', async () => {
    const state = { versions: [supergraph(1), supergraph(2)] };
    const loads = { count: 0 };
    const { generations, follow } = follower(state, generation({ version: 1 }), new Set([2]), loads);
    await follow.poll();
    await follow.poll();
    expect(generations.latest.version).toBe(1);
    expect(loads.count).toBe(1);
    expect(follow.status().rejected).toMatchObject({ version: 2, reason: 'Invalid supergraph: version 2' });
    state.versions.push(supergraph(3));
    await follow.poll();
    expect(generations.latest.version).toBe(3);
  });

  it('serves the last good supergraph while the registry is unreachable, and says so without its error text', async () => {
    const state = { versions: [supergraph(1)], down: false };
    const { generations, follow } = follower(state, generation({ version: 1 }));
    await follow.poll();
    expect(follow.status()).toMatchObject({ following: true, reachable: true, lastError: null });
    state.down = true;
    state.versions.push(supergraph(2));
    await follow.poll();
    expect(generations.latest.version).toBe(1);
    expect(follow.status()).toMatchObject({ reachable: false, lastError: 'ECONNREFUSED' });
    expect(JSON.stringify(follow.status())).not.toContain('secret');
    state.down = false;
    await follow.poll();
    expect(generations.latest.version).toBe(2);
  });
});

describe('the generations Apollo Server runs on', () => {
  it('executes a request on the generation whose schema it was validated against, the new ones on the new', async () => {
    const first = generation({ version: 1 });
    const generations = new SupergraphGenerations(first);
    const seen: GraphQLSchema[] = [];
    generations.onSchemaLoadOrUpdate(({ apiSchema }) => seen.push(apiSchema));
    await generations.load();
    const second = generation({ version: 2 });
    generations.swap(second);
    expect(seen).toEqual([first.schema, second.schema]);
    const run = (schema: GraphQLSchema) => generations.executor({ schema } as unknown as Parameters<GatewayExecutor>[0]);
    await expect(run(first.schema)).resolves.toEqual({ data: { version: 1 } });
    await expect(run(second.schema)).resolves.toEqual({ data: { version: 2 } });
    expect(generations.of(first.schema).version).toBe(1);
    expect(generations.of(undefined).version).toBe(2);
  });
});
