import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openAuditDatabase, readAuditSettings, verifyAuditStore, witnessedCheckpoints } from '@cmb/audit-store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const GATEWAY = resolve(__dirname, '../../dist/index.js');
const WRITER = 'gw-stop-test';
const CHECK = '{ eligibility(input: { nationalId: "ZZ000001", providerInpe: "ZZP00001", date: "2026-03-02" }) { outcome } }';

/** A port nobody listens on: connections are refused at once. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** A subgraph that takes connections and never answers: a request to it stays in flight. */
async function silentSubgraph(): Promise<{ url: string; server: Server }> {
  const server = createServer(() => undefined);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`, server };
}

/**
 * The compiled gateway as `npm start` runs it, on an embedded audit store and
 * witness, with checkpoints far apart so only a stop seals the events.
 */
describe('every stop of the gateway seals its audit chain', () => {
  let dir: string;
  let gateway: ChildProcess | null = null;
  let silent: Server | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cmb-gateway-stop-'));
  });

  afterEach(async () => {
    if (gateway && gateway.exitCode === null && gateway.signalCode === null) gateway.kill('SIGKILL');
    silent?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the gateway with every subgraph on a dead port, but those given. */
  async function start(routes: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const subgraphs: Record<string, string> = {};
    for (const name of ['BENEFICIARIES', 'PROVIDERS', 'MEDICINES', 'CARE_PATHWAYS', 'MEDICAL_RECORDS', 'AUDIT'])
      subgraphs[`SUBGRAPH_${name}_URL`] = routes[name] ?? `http://127.0.0.1:${await freePort()}/graphql`;
    gateway = spawn(process.execPath, [GATEWAY], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        AUTH_MODE: 'off',
        AUDIT_SQLITE_PATH: join(dir, 'audit.sqlite'),
        AUDIT_WITNESS_SQLITE_PATH: join(dir, 'witness.sqlite'),
        AUDIT_WRITER_ID: WRITER,
        AUDIT_CHECKPOINT_EVERY: '1000000',
        AUDIT_CHECKPOINT_INTERVAL_MS: '3600000',
        ...subgraphs,
        SUBGRAPH_TIMEOUT_MS: '30000',
      },
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}`;
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const up = await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return url;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error('the gateway did not start');
  }

  const check = (url: string) =>
    fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: CHECK }) });

  const exited = (child: ChildProcess) =>
    new Promise<void>((done) => (child.exitCode !== null ? done() : child.once('exit', () => done())));

  /** The writer's chain as verification sees it, and the positions the witness holds. */
  async function sealed(): Promise<{ events: number; unsealed: number; witnessed: number[] }> {
    const { trusted } = readAuditSettings({ NODE_ENV: 'test' }, ['trusted']);
    const store = openAuditDatabase({ sqlitePath: join(dir, 'audit.sqlite') });
    const witness = openAuditDatabase({ sqlitePath: join(dir, 'witness.sqlite') });
    try {
      const report = await verifyAuditStore(store, trusted, { witness });
      expect(report.findings).toEqual([]);
      const writer = report.writers.find((w) => w.writerId === WRITER);
      return {
        events: writer?.events ?? 0,
        unsealed: writer?.unsealed ?? -1,
        witnessed: (await witnessedCheckpoints(witness, WRITER)).map((c) => c.position),
      };
    } finally {
      await store.close();
      await witness.close();
    }
  }

  it('on Ctrl-C under npm start: SIGINT to the process group, then the SIGTERM npm start forwards', async () => {
    const url = await start();
    for (let i = 0; i < 3; i += 1) expect((await check(url)).status).toBe(200);
    const child = gateway as ChildProcess;
    child.kill('SIGINT');
    await new Promise((done) => setTimeout(done, 20));
    child.kill('SIGTERM');
    await exited(child);
    expect(await sealed()).toEqual({ events: 3, unsealed: 0, witnessed: [3] });
  });

  it('when a further signal cuts the graceful stop short, a request still in flight', async () => {
    const subgraph = await silentSubgraph();
    silent = subgraph.server;
    const url = await start({ PROVIDERS: subgraph.url });
    for (let i = 0; i < 3; i += 1) expect((await check(url)).status).toBe(200);
    const child = gateway as ChildProcess;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      void (async () => {
        // One request in flight (its subgraph never answers) holds the graceful drain open.
        const hanging = fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ provider(inpe: "ZZP00001") { name } }' }),
        }).catch(() => undefined);
        void hanging;
        await new Promise((wait) => setTimeout(wait, 200));
        child.kill('SIGINT');
        await new Promise((wait) => setTimeout(wait, 1_500));
        child.kill('SIGTERM');
      })();
    });
    expect(child.exitCode).toBe(1);
    expect(await sealed()).toEqual({ events: 3, unsealed: 0, witnessed: [3] });
  });
});
