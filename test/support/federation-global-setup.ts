import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM helpers shared with the scripts
import { ensurePostgresDatabases, ROOT, seedAll, startDevIssuer, startFederation, SUBGRAPHS } from '../../scripts/lib/federation.mjs';
// @ts-expect-error plain ESM helper shared with the scripts
import { freePort } from '../../scripts/lib/postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
    e2ePostgresUrl: string;
    issuer: string;
    tokenUrl: string;
    /** What a further gateway of this run needs in its environment (partial-failure tests). */
    gatewayEnv: Record<string, string>;
  }
}

/** Persons seeded for the end-to-end run (the personas are always added). */
export const E2E_PERSONS = 2_000;

/**
 * Starts the compiled federation on PostgreSQL for the end-to-end tests:
 * one database per subgraph, seeded, every process on a free loopback port.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'gateway/supergraph/supergraph.graphql'))) {
    throw new Error('the end-to-end tests run the compiled federation: run npm run build && npm run compose first (npm test does)');
  }
  const postgresUrl = process.env.TEST_POSTGRES_URL ?? process.env.CMB_TEST_POSTGRES_URL;
  if (!postgresUrl) throw new Error('no PostgreSQL for the end-to-end tests: the postgres global setup must run first');
  const storage = { postgresUrl };
  await ensurePostgresDatabases(postgresUrl);
  await seedAll(storage, { persons: E2E_PERSONS, reset: true, quiet: true });
  const ports: Record<string, number> = {};
  for (const { name } of SUBGRAPHS as { name: string }[]) ports[name] = await freePort();
  const identity = (await startDevIssuer({ port: await freePort(), quiet: true })) as { issuer: string; tokenUrl: string; stop: () => Promise<void> };
  // Production mode, as deployed: no stack traces, no introspection, real keys.
  const production = {
    NODE_ENV: 'production',
    DECISION_ID_KEY: randomBytes(32).toString('base64'),
    GATEWAY_CONTEXT_SECRET: randomBytes(32).toString('base64'),
  };
  // The tests and the k6 smoke act as few clients at a high rate: the per-client limit is tested on its own gateway.
  const gatewayEnv = { ...production, RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' };
  const federation = await startFederation(storage, { ports, gatewayPort: await freePort(), quiet: true, env: production, gatewayEnv, issuer: identity.issuer });
  project.provide('issuer', identity.issuer);
  project.provide('tokenUrl', identity.tokenUrl);
  project.provide('gatewayEnv', { ...gatewayEnv, AUTH_ISSUER: identity.issuer });
  project.provide('gatewayUrl', federation.gateway.url);
  project.provide('e2ePostgresUrl', postgresUrl);
  project.provide('subgraphUrls', Object.fromEntries(Object.entries(federation.subgraphs as Record<string, { url: string }>).map(([name, s]) => [name, s.url])));
  return async () => {
    await federation.stop();
    await identity.stop();
  };
}
