import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT, startGateway } from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

/** Publishes in a row. */
const PUBLISHES = 10;
/** Concurrent request loops per gateway: bounded, loopback only (the run has two cores). */
const LOOPS_PER_GATEWAY = 2;
/** How often the gateways of this test read the registry's latest version. */
const POLL_MS = 250;

const ELIGIBILITY = /* GraphQL */ `
  query Check($input: EligibilityInput!) {
    eligibility(input: $input) {
      outcome
      coverage {
        organism
      }
    }
  }
`;
const FILES = /* GraphQL */ `
  query Files($nationalId: String!) {
    person(nationalId: $nationalId) {
      cnssClaimFiles {
        fileNumber
      }
    }
  }
`;
const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishSubgraphInput!) {
    publishSubgraph(input: $input) {
      supergraph {
        version
        sha256
      }
    }
  }
`;
const P01 = { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02', careType: 'CONSULTATION' };

interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** One answer of the load: which gateway, when it arrived, on which supergraph version, and whether it was right. */
interface Served {
  gateway: number;
  at: number;
  version: number;
  ok: boolean;
}

/** A gateway of the run's federation that reads the registry every POLL_MS. */
async function followingGateway(extra: Record<string, string> = {}): Promise<RunningGateway> {
  return startGateway({
    port: await freePort(),
    subgraphUrls: inject('subgraphUrls'),
    quiet: true,
    env: { ...inject('gatewayEnv'), SUPERGRAPH_POLL_MS: String(POLL_MS), ...extra },
  });
}

const readyz = async (gateway: { url: string }) => {
  const response = await fetch(new URL('/readyz', gateway.url));
  return {
    status: response.status,
    body: (await response.json()) as {
      supergraph: { version: number | null; source: string; sha256: string };
      registry: Record<string, unknown>;
    },
  };
};

describe('hot reload: two gateways following one registry, ten publishes under load', () => {
  const gateways: RunningGateway[] = [];
  let baseSdl: string;

  beforeAll(async () => {
    gateways.push(await followingGateway(), await followingGateway());
    baseSdl = (
      await promisify(execFile)(process.execPath, [join(ROOT, 'subgraphs/cnss-claims/dist/print-schema.js')], { maxBuffer: 16 << 20 })
    ).stdout;
  });
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
  });

  it('loads every version on both gateways without failing a single request', async () => {
    const [cabinet, cnss, publisher] = await Promise.all([
      authAs('cabinet-zzp00001', 'eligibility:check'),
      authAs('og-cnss', 'beneficiary:read'),
      authAs('og-cnss', 'registry:publish'),
    ]);
    const served: Served[] = [];
    const failures: string[] = [];
    let running = true;
    const loop = async (index: number, worker: number) => {
      const gateway = gateways[index] as RunningGateway;
      for (let n = worker; running; n += 1) {
        const eligibility = n % 2 === 0;
        try {
          const answer = eligibility
            ? await postGraphQL<{ eligibility: { outcome: string } }>(gateway.url, ELIGIBILITY, { input: P01 }, cabinet)
            : await postGraphQL<{ person: { cnssClaimFiles: unknown[] } }>(gateway.url, FILES, { nationalId: 'ZZ000001' }, cnss);
          const data = answer.body.data as Record<string, { outcome?: string; cnssClaimFiles?: unknown[] }> | undefined;
          const ok =
            answer.status === 200 &&
            !answer.body.errors &&
            (eligibility ? data?.eligibility?.outcome === 'ELIGIBLE' : data?.person?.cnssClaimFiles?.length === 3);
          if (!ok) failures.push(`gateway ${index + 1}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
          served.push({ gateway: index, at: performance.now(), version: Number(answer.headers.get('x-cmb-supergraph-version')), ok });
        } catch (error) {
          failures.push(`gateway ${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };
    const loops = gateways.flatMap((_, index) => Array.from({ length: LOOPS_PER_GATEWAY }, (__, worker) => loop(index, worker)));
    const firstAnswer = (gateway: number, version: number, after: number) =>
      served.find((s) => s.gateway === gateway && s.version >= version && s.at >= after);

    const rounds: { version: number; publishMs: number; reloadMs: number[] }[] = [];
    const started = performance.now();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (let round = 1; round <= PUBLISHES; round += 1) {
        const sdl = baseSdl.replace(
          '"""A CNSS claim and reimbursement file (dossier de remboursement)"""',
          `"""A CNSS claim and reimbursement file (dossier de remboursement), hot reload round ${round}"""`,
        );
        const asked = performance.now();
        const answer = await postGraphQL<{ publishSubgraph: { supergraph: { version: number } } }>(
          inject('gatewayUrl'),
          PUBLISH,
          { input: { name: 'cnss-claims', routingUrl: inject('subgraphUrls')['cnss-claims'], sdl } },
          publisher,
        );
        expect(answer.body.errors).toBeUndefined();
        const published = performance.now();
        const version = answer.body.data?.publishSubgraph.supergraph.version ?? 0;
        const deadline = published + 20_000;
        while (gateways.some((_, g) => !firstAnswer(g, version, published)) && performance.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        rounds.push({
          version,
          publishMs: Math.round(published - asked),
          reloadMs: gateways.map((_, g) => {
            const first = firstAnswer(g, version, published);
            return first ? Math.round(first.at - published) : Number.NaN;
          }),
        });
      }
    } finally {
      running = false;
      await Promise.all(loops);
    }
    const seconds = (performance.now() - started) / 1000;

    const perGateway = gateways.map((_, g) => served.filter((s) => s.gateway === g).length);
    const reloads = gateways.map((_, g) => rounds.map((r) => r.reloadMs[g] ?? Number.NaN));
    const report = {
      publishes: PUBLISHES,
      loopsPerGateway: LOOPS_PER_GATEWAY,
      pollMs: POLL_MS,
      seconds: Math.round(seconds * 10) / 10,
      requestsServed: { total: served.length, perGateway: perGateway },
      failedRequests: failures.length,
      rounds,
      reloadMs: reloads.map((times) => ({
        min: Math.min(...times),
        median: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)],
        max: Math.max(...times),
      })),
    };
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    writeFileSync(join(ROOT, '.cache/hot-reload-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      [
        `hot reload: ${PUBLISHES} publishes in ${report.seconds} s, ${served.length} requests served (gateway 1: ${perGateway[0]}, gateway 2: ${perGateway[1]}), ${failures.length} failed`,
        ...rounds.map(
          (r, i) =>
            `  publish ${i + 1}: supergraph ${r.version}, publish answered in ${r.publishMs} ms, first answer on it: gateway 1 +${r.reloadMs[0]} ms, gateway 2 +${r.reloadMs[1]} ms`,
        ),
      ].join('\n'),
    );

    expect(failures).toEqual([]);
    expect(served.every((s) => s.ok)).toBe(true);
    for (const round of rounds) for (const reload of round.reloadMs) expect(reload).toBeLessThan(20_000);
    const last = rounds.at(-1)?.version;
    for (const gateway of gateways) expect((await readyz(gateway)).body.supergraph.version).toBe(last);
  }, 240_000);
});

describe('a gateway that cannot read the registry at start', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    const unreachable = new URL(inject('gatewayEnv').REGISTRY_DATABASE_URL ?? '');
    unreachable.pathname = '/cmb_registry_missing';
    gateway = await followingGateway({ REGISTRY_DATABASE_URL: unreachable.toString() });
  });
  afterAll(() => gateway?.stop());

  it('serves the build-time supergraph, stays ready, and says the registry is unreachable', async () => {
    for (let i = 0; i < 50 && (await readyz(gateway)).body.registry.reachable !== false; i += 1)
      await new Promise((r) => setTimeout(r, 100));
    const ready = await readyz(gateway);
    expect(ready.status).toBe(200);
    expect(ready.body.supergraph).toMatchObject({ version: null, source: 'build' });
    expect(ready.body.registry).toMatchObject({ following: true, reachable: false });
    const answer = await postGraphQL<{ eligibility: { outcome: string } }>(
      gateway.url,
      ELIGIBILITY,
      { input: P01 },
      await authAs('cabinet-zzp00001', 'eligibility:check'),
    );
    expect(answer.body.data?.eligibility.outcome).toBe('ELIGIBLE');
    expect(answer.headers.get('x-cmb-supergraph-version')).toBe('build');
  });
});
