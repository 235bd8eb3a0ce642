import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisBucketStore } from '../rate-limiting/redis-bucket-store';
import { freePort } from '../../../scripts/lib/postgres.mjs';
import { startRedis } from '../../../scripts/lib/redis.mjs';

const GATEWAY = resolve(__dirname, '../../dist/index.js');
const BURST = 5;
const EXTRA = 3;

interface TestRedis {
  url: string;
  halt(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A stand-in for every subgraph that answers health checks only (readiness reads them), so readiness reflects the limits alone. */
async function healthySubgraphs(): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ready' }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`, server };
}

const post = (url: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

const readiness = async (url: string) => {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { rateLimits: string } };
};

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await check()) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('rate limits shared across gateway replicas through Redis', () => {
  let redis: TestRedis;
  let dir: string;
  let stub: Server;
  const gateways: ChildProcess[] = [];
  const urls: { graphql: string; metrics: string }[] = [];

  /** The compiled gateway as `npm start` runs it, with its rate limits in the shared store. */
  async function startGateway(subgraphUrl: string, index: number): Promise<{ graphql: string; metrics: string }> {
    const port = (await freePort()) as number;
    const metricsPort = (await freePort()) as number;
    const subgraphs = Object.fromEntries(
      ['BENEFICIARIES', 'PROVIDERS', 'MEDICINES', 'CARE_PATHWAYS', 'MEDICAL_RECORDS', 'AUDIT', 'REGISTRY', 'CNSS_CLAIMS'].map((name) => [
        `SUBGRAPH_${name}_URL`,
        subgraphUrl,
      ]),
    );
    const child = spawn(process.execPath, [GATEWAY], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        AUTH_MODE: 'off',
        AUDIT_SQLITE_PATH: join(dir, `audit-${index}.sqlite`),
        AUDIT_WRITER_ID: `gw-rate-${index}`,
        ...subgraphs,
        RATE_LIMIT_PER_SECOND: '0.1',
        RATE_LIMIT_BURST: String(BURST),
        RATE_LIMIT_STORE_URL: redis.url,
      },
      stdio: 'ignore',
    });
    gateways.push(child);
    const url = `http://127.0.0.1:${port}`;
    await eventually(
      () =>
        fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      'the gateway',
    );
    return { graphql: url, metrics: `http://127.0.0.1:${metricsPort}` };
  }

  beforeAll(async () => {
    redis = (await startRedis()) as TestRedis;
    dir = mkdtempSync(join(tmpdir(), 'cmb-gateway-rate-'));
    const subgraphs = await healthySubgraphs();
    stub = subgraphs.server;
    for (const index of [0, 1]) urls.push(await startGateway(subgraphs.url, index));
  });

  afterAll(async () => {
    for (const child of gateways) child.kill('SIGKILL');
    stub?.close();
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws atomically in the store: the burst, then the seconds to wait, under a hashed key that expires', async () => {
    const store = openRedisBucketStore(redis.url, { timeoutMs: 500 });
    const inspector = new Redis(redis.url);
    try {
      expect(await store.ready(2_000)).toBe(true);
      const settings = { ratePerSecond: 0.5, burst: 3 };
      const waits = [];
      for (let draw = 0; draw < 5; draw += 1) waits.push(await store.draw('client:store-check', settings));
      expect(waits).toEqual([0, 0, 0, 2, 2]);
      const keys = await inspector.keys('*');
      expect(keys.some((key) => key.includes('store-check'))).toBe(false);
      const ttls = await Promise.all(keys.map((key) => inspector.pttl(key)));
      expect(ttls.every((ttl) => ttl > 0 && ttl <= 7_000)).toBe(true);
    } finally {
      inspector.disconnect();
      await store.close();
    }
  });

  it('holds a client to its limit in total across two gateways: exactly the burst passes, the rest is 429 RATE_LIMITED with Retry-After', async () => {
    const answers = [];
    for (let request = 0; request < BURST + EXTRA; request += 1) answers.push(await post((urls[request % 2] ?? urls[0]).graphql));
    const passed = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(passed).toHaveLength(BURST);
    expect(refused).toHaveLength(EXTRA);
    for (const answer of refused) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = (await answer.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
    }
    for (const url of urls) expect((await readiness(url.graphql)).body.rateLimits).toBe('shared');
  });

  it('with the store down, each gateway still serves under its own limit, says so in /readyz (still ready) and its metric, and shares again once the store is back', async () => {
    await redis.halt();
    for (const url of urls) {
      const answers = [];
      for (let request = 0; request < BURST + 1; request += 1) answers.push((await post(url.graphql)).status);
      // Per replica: this gateway's own fresh bucket admits the burst, then refuses.
      expect(answers).toEqual([...Array<number>(BURST).fill(200), 429]);
      const ready = await readiness(url.graphql);
      expect(ready).toMatchObject({ status: 200, body: { rateLimits: 'degraded' } });
      const metrics = await (await fetch(`${url.metrics}/metrics`)).text();
      expect(metrics).toMatch(/^cmb_gateway_rate_limit_store_degraded 1$/m);
    }
    await redis.restart();
    for (const url of urls) {
      await eventually(async () => (await readiness(url.graphql)).body.rateLimits === 'shared', 'the shared limits again');
      const metrics = await (await fetch(`${url.metrics}/metrics`)).text();
      expect(metrics).toMatch(/^cmb_gateway_rate_limit_store_degraded 0$/m);
    }
    // The store came back empty: the client's total is shared again across both.
    const statuses = [];
    for (let request = 0; request < BURST + 1; request += 1) statuses.push((await post((urls[request % 2] ?? urls[0]).graphql)).status);
    expect(statuses).toEqual([...Array<number>(BURST).fill(200), 429]);
  });
});
