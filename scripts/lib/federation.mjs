// Starts the subgraphs and the gateway as separate processes from their
// compiled output: `npm start`, the end-to-end tests and the load tests share it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './postgres.mjs';
import { runNode, spawnNode, stopChild, waitForHttp } from './processes.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
const COMPOSITION = JSON.parse(readFileSync(join(ROOT, 'gateway/supergraph/subgraphs.json'), 'utf8'));

/**
 * The subgraphs with their package directory and default port. `ownDatabase`:
 * it owns a database; the audit subgraph (`store: "audit"` in the composition
 * config) has none, it reads the audit trail the gateway writes. `seeded`: it
 * also has a synthetic seed; the registry (`seed: false`) has none, it fills
 * itself from the build-time composition.
 */
export const SUBGRAPHS = COMPOSITION.subgraphs.map((s) => ({
  name: s.name,
  dir: join(ROOT, s.package),
  port: Number(new URL(s.url).port),
  ownDatabase: s.store !== 'audit',
  seeded: s.store !== 'audit' && s.seed !== false,
}));

/**
 * The sample OG subgraphs: not composed at build time, started beside the
 * others and published through the subgraph registry by their OG's client
 * once the gateway is up (`publishOgSubgraphs`), as an OG would.
 */
export const OG_SUBGRAPHS = [
  { name: 'cnss-claims', dir: join(ROOT, 'subgraphs/cnss-claims'), port: 4201, ownDatabase: true, seeded: true, client: 'og-cnss' },
];

/** The subgraphs that own a database and a seed, the OGs' samples included. */
export const SEEDED_SUBGRAPHS = [...SUBGRAPHS, ...OG_SUBGRAPHS].filter((s) => s.seeded);

/** The registry's own database, which the gateways follow (`REGISTRY_DATABASE_URL` or `REGISTRY_SQLITE_PATH`). */
export function registryEnv({ dataDir, postgresUrl }) {
  const { DATABASE_URL: url, SQLITE_PATH: sqlitePath } = databaseEnv('registry', { dataDir, postgresUrl });
  return url ? { REGISTRY_DATABASE_URL: url } : { REGISTRY_SQLITE_PATH: sqlitePath };
}

/**
 * Where the gateway writes the audit trail and the audit subgraph reads it,
 * as one absolute path for both (each process resolves a relative
 * AUDIT_SQLITE_PATH against its own working directory): AUDIT_SQLITE_PATH
 * when set, else `audit.sqlite` under dataDir. Without either, nothing: the
 * processes' own AUDIT_* settings (AUDIT_DATABASE_URL for PostgreSQL) apply.
 */
export function auditStoreEnv({ dataDir } = {}) {
  // A path the caller set is kept, made absolute once so both processes open the same file.
  const store = process.env.AUDIT_SQLITE_PATH
    ? { AUDIT_SQLITE_PATH: resolve(process.env.AUDIT_SQLITE_PATH) }
    : dataDir
      ? { AUDIT_SQLITE_PATH: join(dataDir, 'audit.sqlite') }
      : {};
  // The witness of the checkpoints, a file of its own beside the store (the gateway writes it, verify reads it).
  const witness = process.env.AUDIT_WITNESS_SQLITE_PATH
    ? { AUDIT_WITNESS_SQLITE_PATH: resolve(process.env.AUDIT_WITNESS_SQLITE_PATH) }
    : dataDir && !process.env.AUDIT_WITNESS_DATABASE_URL
      ? { AUDIT_WITNESS_SQLITE_PATH: join(dataDir, 'audit-witness.sqlite') }
      : {};
  return { ...store, ...witness };
}

/** `care-pathways` → `CARE_PATHWAYS`, as in the gateway's SUBGRAPH_<NAME>_URL variables. */
export const envName = (name) => name.toUpperCase().replace(/-/g, '_');

/** Database settings of one subgraph: a SQLite file under dataDir, or a database `cmb_<name>` on a PostgreSQL server. */
export function databaseEnv(name, { dataDir, postgresUrl }) {
  if (postgresUrl) {
    const url = new URL(postgresUrl);
    url.pathname = `/cmb_${name.replace(/-/g, '_')}`;
    return { DATABASE_URL: url.toString() };
  }
  return { SQLITE_PATH: join(dataDir, `${name}.sqlite`) };
}

/**
 * Creates the per-subgraph databases on a PostgreSQL server when missing,
 * `cmb_audit` included: it stays empty until its owner migrates the audit
 * store into it (`npm run audit -- migrate`); `npm start` keeps the audit
 * trail in SQLite unless AUDIT_DATABASE_URL is set.
 */
export async function ensurePostgresDatabases(postgresUrl) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const { name } of [...SUBGRAPHS, ...OG_SUBGRAPHS]) {
      const database = `cmb_${name.replace(/-/g, '_')}`;
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Seeds every subgraph that has a seed, in parallel with the same options
 * (`--persons`, `--seed`, `--reset`). The outputs follow SUBGRAPHS (one line
 * for the audit subgraph, which has no seed: the gateway writes its trail).
 * With `progress` (the kit's `createProgressBoard`), the seeds tell it their
 * progress as events on stderr (`CMB_PROGRESS=events`) and it draws them
 * together; without, the seeds show none. The caller ends the board.
 */
export async function seedAll(storage, { persons, seed, reset = false, quiet = false, env = {}, progress } = {}) {
  const args = ['--persons', String(persons), ...(seed ? ['--seed', String(seed)] : []), ...(reset ? ['--reset'] : [])];
  const started = Date.now();
  const outputs = await Promise.all(
    [...SUBGRAPHS, ...OG_SUBGRAPHS].map(({ name, dir, seeded }) =>
      seeded
        ? runNode(`seed:${name}`, join(dir, 'dist/seed/seed-cli.js'), {
            args,
            quiet,
            env: { ...env, ...databaseEnv(name, storage), LOG_LEVEL: 'warn', CMB_PROGRESS: progress ? progress.workerMode : 'off' },
            takeStderrLine: progress ? (line) => progress.relay(name, line) : undefined,
          })
        : Promise.resolve(`${name}: no seed`),
    ),
  );
  return { milliseconds: Date.now() - started, outputs };
}

/** Starts the embedded development issuer (reads auth/realm) and waits for its discovery document. */
export async function startDevIssuer({ port = 4010, quiet = false } = {}) {
  const child = spawnNode('issuer', join(ROOT, 'auth/dist/dev-issuer-cli.js'), { quiet, env: { PORT: String(port), HOST: '127.0.0.1' } });
  const issuer = `http://127.0.0.1:${port}/realms/cmb`;
  await waitForHttp(`${issuer}/.well-known/openid-configuration`, { child });
  return { issuer, tokenUrl: `${issuer}/protocol/openid-connect/token`, child, stop: (options) => stopChild(child, options) };
}

/**
 * Spawns a process listening on `port` (`spawn(port)` gives its `child`, the
 * `ports` it was told, for the message, and anything else to keep) and waits
 * until its /healthz answers. With `portFallback`, a port found taken at
 * start (EADDRINUSE) is replaced by another free one, twice at most; the
 * answer has the `port` used.
 */
async function listenWithPortFallback(name, port, portFallback, spawn) {
  for (let attempt = 0; ; attempt += 1) {
    const started = await spawn(port);
    try {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, { child: started.child });
      return { ...started, port };
    } catch (error) {
      if (!portFallback || attempt >= 2 || !String(error?.message).includes('EADDRINUSE')) throw error;
      process.stderr.write(`${name}: a port was taken at start (${started.ports}); trying other free ports\n`);
      port = await freePort();
    }
  }
}

/**
 * Starts one subgraph and waits until it is healthy: on its own database, or,
 * for the audit subgraph, on the audit store (`auditStoreEnv`, then `env`,
 * which may give AUDIT_DATABASE_URL and the keys). With `portFallback` (tests
 * and benchmarks, which pick free ports; `npm start` keeps its fixed ones), a
 * port found taken at start (another process took it between the choice and
 * the listen, as outgoing connections on a busy machine do) is replaced by
 * another free one, twice at most; the port used is in the answer.
 */
export async function startSubgraph(subgraph, storage, { port = subgraph.port, env = {}, quiet = false, portFallback = false } = {}) {
  const store = subgraph.ownDatabase === false ? { ...auditStoreEnv(storage), ...env } : { ...env, ...databaseEnv(subgraph.name, storage) };
  const started = await listenWithPortFallback(subgraph.name, port, portFallback, (at) => ({
    child: spawnNode(subgraph.name, join(subgraph.dir, 'dist/index.js'), {
      quiet,
      env: { LOG_LEVEL: 'warn', ...env, ...store, PORT: String(at), HOST: '127.0.0.1' },
    }),
    ports: String(at),
  }));
  const { child } = started;
  return {
    ...subgraph,
    port: started.port,
    url: `http://127.0.0.1:${started.port}/graphql`,
    child,
    stop: (options) => stopChild(child, options),
  };
}

/**
 * Starts a gateway routed to the given subgraph URLs and waits until it is
 * healthy. Its metrics listen on a port of their own (`metricsPort`, a free
 * one by default): `metricsUrl`. With `portFallback` (the default; `npm start`
 * turns it off for its fixed port), a port found taken at
 * start (another process took it between the choice and the listen, as
 * outgoing connections on a busy machine do) is replaced by another free one,
 * twice at most; the ports used are in the answer.
 */
export async function startGateway({ port = 4000, metricsPort, subgraphUrls = {}, env = {}, quiet = false, portFallback = true } = {}) {
  const routes = Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`SUBGRAPH_${envName(name)}_URL`, url]));
  const started = await listenWithPortFallback('gateway', port, portFallback, async (at) => {
    const metrics = metricsPort ?? (await freePort());
    const child = spawnNode('gateway', join(ROOT, 'gateway/dist/index.js'), {
      quiet,
      env: {
        LOG_LEVEL: 'warn',
        ...env,
        ...routes,
        PORT: String(at),
        HOST: '127.0.0.1',
        METRICS_PORT: String(metrics),
        METRICS_HOST: '127.0.0.1',
      },
    });
    return { child, metrics, ports: `${at} or ${metrics}` };
  });
  const { child } = started;
  return {
    url: `http://127.0.0.1:${started.port}/graphql`,
    port: started.port,
    metricsUrl: `http://127.0.0.1:${started.metrics}/metrics`,
    child,
    stop: (options) => stopChild(child, options),
  };
}

/**
 * Publishes the sample OG subgraphs through the subgraph registry, each by its
 * OG's client, with `npm run registry -- publish` through the gateway (its
 * token from `issuer`, so the gateway audits the publish and the registry
 * checks the OG owns the name), then waits until the gateway serves the
 * supergraph that has them. Publishing what is served already changes nothing.
 */
export async function publishOgSubgraphs(subgraphs, { gatewayUrl, issuer, quiet = false, env = {} }) {
  const dir = mkdtempSync(join(tmpdir(), 'cmb-og-schema-'));
  try {
    for (const subgraph of subgraphs) {
      const og = OG_SUBGRAPHS.find((o) => o.name === subgraph.name);
      const { stdout: sdl } = await promisify(execFile)(process.execPath, [join(subgraph.dir, 'dist/print-schema.js')], {
        maxBuffer: 16 * 1024 * 1024,
      });
      const file = join(dir, `${subgraph.name}.graphql`);
      writeFileSync(file, sdl);
      await runNode(`registry:${subgraph.name}`, join(ROOT, 'subgraphs/registry/dist/cli/registry-cli.js'), {
        args: ['publish', subgraph.name, '--schema', file, '--url', subgraph.url, '--client', og.client],
        env: { AUTH_ISSUER: issuer, GATEWAY_URL: gatewayUrl, ...env },
        quiet,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const readyz = new URL('/readyz', gatewayUrl).toString();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const body = await fetch(readyz)
      .then((response) => response.json())
      .catch(() => null);
    const served = body?.supergraph?.ogSubgraphs ?? [];
    if (subgraphs.every((s) => served.includes(s.name))) return body.supergraph;
    if (Date.now() > deadline)
      throw new Error(`the gateway did not load the published OG subgraphs within 30 s: ${JSON.stringify(body?.registry)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts the whole federation: every subgraph, then the gateway. `ports`
 * maps names to ports (defaults from the composition config; another free one when taken at start with `portFallback`); `gatewayPort` (likewise)
 * defaults to 4000, `metricsPort` (the gateway's metrics) to a free port; `issuer` is the realm's issuer URL the gateway trusts.
 * `env` goes to every subgraph, `subgraphEnv[name]` to one (the audit
 * subgraph's store and keys), `gatewayEnv` to the gateway. With a dataDir,
 * the gateway and the audit subgraph share `<dataDir>/audit.sqlite`. The
 * gateway follows the registry's database; the sample OG subgraphs start
 * beside the others and, with an `issuer` and unless `publishOg` is false,
 * are published through the registry once the gateway is up.
 */
export async function startFederation(
  storage,
  {
    ports = {},
    gatewayPort = 4000,
    metricsPort,
    env = {},
    subgraphEnv = {},
    gatewayEnv = {},
    issuer,
    quiet = false,
    publishOg = true,
    portFallback = false,
  } = {},
) {
  const subgraphs = await Promise.all(
    [...SUBGRAPHS, ...OG_SUBGRAPHS].map((s) =>
      startSubgraph(s, storage, { port: ports[s.name] ?? s.port, env: { ...env, ...subgraphEnv[s.name] }, quiet, portFallback }),
    ),
  );
  const stopAll = () => Promise.all(subgraphs.map((s) => s.stop()));
  try {
    const authEnv = issuer ? { AUTH_ISSUER: issuer } : {};
    const gateway = await startGateway({
      port: gatewayPort,
      metricsPort,
      subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
      env: { ...auditStoreEnv(storage), ...registryEnv(storage), ...authEnv, ...gatewayEnv },
      quiet,
      portFallback,
    });
    await waitForHttp(`http://127.0.0.1:${gateway.port}/readyz`, { child: gateway.child, timeoutMs: 30_000 });
    if (publishOg && issuer) {
      const og = subgraphs.filter((s) => OG_SUBGRAPHS.some((o) => o.name === s.name));
      await publishOgSubgraphs(og, { gatewayUrl: gateway.url, issuer, quiet });
    }
    return {
      gateway,
      subgraphs: Object.fromEntries(subgraphs.map((s) => [s.name, s])),
      stop: async () => {
        await gateway.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
