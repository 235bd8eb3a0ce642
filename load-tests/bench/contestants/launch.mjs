// Starts a contestant process on its own loopback port and waits until it
// answers GraphQL; stops it by pid with a bound (SIGTERM, then SIGKILL).
import { join } from 'node:path';
import { startGateway } from '../../../scripts/lib/federation.mjs';
import { contextKeyEnv } from './signed-context.mjs';
import { spawnNode, stopChild, waitForHttp } from '../../../scripts/lib/processes.mjs';
import { freePort } from '../../../scripts/lib/postgres.mjs';

/** Polls `{ __typename }` until the server answers it, the process dies, or the time is up. */
export async function waitForGraphQL(url, { child, timeoutMs = 60_000, headers = {} } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null))
      throw new Error(`${url}: process exited (${child.exitCode ?? child.signalCode}) before answering:\n${child.recentOutput?.() ?? ''}`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ __typename }' }),
        signal: AbortSignal.timeout(2_000),
      });
      const body = await response.text();
      if (response.status === 200 && body.includes('"__typename"')) return;
      last = `HTTP ${response.status} ${body.slice(0, 200)}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `${url} did not answer { __typename } within ${timeoutMs} ms (last: ${last})${child?.recentOutput ? `:\n${child.recentOutput()}` : ''}`,
  );
}

/**
 * Starts one of the peer scripts of this folder (`apollo-stock.mjs`, `hive.mjs`).
 * `processEnv` is added to the process's environment last (the profile's NODE_OPTIONS).
 */
export async function launchPeer(
  name,
  script,
  { supergraphPath, contextKey, env = {}, processEnv = {}, quiet = true, stopTimeoutMs = 5_000 },
) {
  const port = await freePort();
  const child = spawnNode(name, join(import.meta.dirname, script), {
    quiet,
    env: { ...env, PORT: String(port), SUPERGRAPH_PATH: supergraphPath, ...contextKeyEnv(contextKey), ...processEnv },
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitForGraphQL(url, { child });
  } catch (error) {
    await stopChild(child, { timeoutMs: stopTimeoutMs });
    throw error;
  }
  return { url, pid: child.pid, child, stop: () => stopChild(child, { timeoutMs: stopTimeoutMs }) };
}

/**
 * Starts this project's gateway (gateway/dist/index.js) routed to the benchmark's subgraphs.
 * `processEnv` is added to its environment last (the profile's NODE_OPTIONS).
 */
export async function launchCmbGateway({ subgraphUrls, auditEnv = {}, env = {}, processEnv = {}, quiet = true }) {
  const port = await freePort();
  const gateway = await startGateway({ port, subgraphUrls, quiet, env: { ...auditEnv, ...env, ...processEnv } });
  try {
    // Readiness (every subgraph answers), as startFederation waits for it; GraphQL itself may need a token.
    await waitForHttp(`http://127.0.0.1:${port}/readyz`, { child: gateway.child, timeoutMs: 30_000 });
  } catch (error) {
    await gateway.stop({ timeoutMs: 5_000 });
    throw error;
  }
  return {
    url: gateway.url,
    metricsUrl: gateway.metricsUrl,
    pid: gateway.child.pid,
    child: gateway.child,
    stop: () => gateway.stop({ timeoutMs: 10_000 }),
  };
}
