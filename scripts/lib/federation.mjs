// Starts the five subgraphs and the gateway as separate processes from their
// compiled output: `npm start`, the end-to-end tests and the load tests share it.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { runNode, spawnNode, stopChild, waitForHttp } from './processes.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
const COMPOSITION = JSON.parse(readFileSync(join(ROOT, 'gateway/supergraph/subgraphs.json'), 'utf8'));

/** The subgraphs with their package directory and default port. */
export const SUBGRAPHS = COMPOSITION.subgraphs.map((s) => ({ name: s.name, dir: join(ROOT, s.package), port: Number(new URL(s.url).port) }));

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

/** Creates the per-subgraph databases on a PostgreSQL server when missing. */
export async function ensurePostgresDatabases(postgresUrl) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const { name } of SUBGRAPHS) {
      const database = `cmb_${name.replace(/-/g, '_')}`;
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    }
  } finally {
    await client.end();
  }
}

/** Seeds every subgraph in parallel with the same options (`--persons`, `--seed`, `--reset`). */
export async function seedAll(storage, { persons, seed, reset = false, quiet = false, env = {} } = {}) {
  const args = ['--persons', String(persons), ...(seed ? ['--seed', String(seed)] : []), ...(reset ? ['--reset'] : [])];
  const started = Date.now();
  const outputs = await Promise.all(
    SUBGRAPHS.map(({ name, dir }) => runNode(`seed:${name}`, join(dir, 'dist/seed/seed-cli.js'), { args, quiet, env: { ...env, ...databaseEnv(name, storage), LOG_LEVEL: 'warn' } })),
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

/** Starts one subgraph and waits until it is healthy. */
export async function startSubgraph(subgraph, storage, { port = subgraph.port, env = {}, quiet = false } = {}) {
  const child = spawnNode(subgraph.name, join(subgraph.dir, 'dist/index.js'), { quiet, env: { LOG_LEVEL: 'warn', ...env, ...databaseEnv(subgraph.name, storage), PORT: String(port), HOST: '127.0.0.1' } });
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, { child });
  return { ...subgraph, port, url: `http://127.0.0.1:${port}/graphql`, child, stop: (options) => stopChild(child, options) };
}

/** Starts a gateway routed to the given subgraph URLs and waits until it is healthy. */
export async function startGateway({ port = 4000, subgraphUrls = {}, env = {}, quiet = false } = {}) {
  const routes = Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`SUBGRAPH_${envName(name)}_URL`, url]));
  const child = spawnNode('gateway', join(ROOT, 'gateway/dist/index.js'), { quiet, env: { LOG_LEVEL: 'warn', ...env, ...routes, PORT: String(port), HOST: '127.0.0.1' } });
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, { child });
  return { url: `http://127.0.0.1:${port}/graphql`, port, child, stop: (options) => stopChild(child, options) };
}

/**
 * Starts the whole federation: every subgraph, then the gateway. `ports`
 * maps names to ports (defaults from the composition config); `gatewayPort`
 * defaults to 4000; `issuer` is the realm's issuer URL the gateway trusts.
 */
export async function startFederation(storage, { ports = {}, gatewayPort = 4000, env = {}, gatewayEnv = {}, issuer, quiet = false } = {}) {
  const subgraphs = await Promise.all(SUBGRAPHS.map((s) => startSubgraph(s, storage, { port: ports[s.name] ?? s.port, env, quiet })));
  const stopAll = () => Promise.all(subgraphs.map((s) => s.stop()));
  try {
    const authEnv = issuer ? { AUTH_ISSUER: issuer } : {};
    const gateway = await startGateway({ port: gatewayPort, subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])), env: { ...authEnv, ...gatewayEnv }, quiet });
    await waitForHttp(`http://127.0.0.1:${gatewayPort}/readyz`, { child: gateway.child, timeoutMs: 30_000 });
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
