import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_ROLES, generateSigningKeyPair, migrateAuditStore, migrateAuditWitness, openAuditDatabase } from '@cmb/audit-store';
import { generateContextKeyPair } from '@cmb/kit';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import {
  ensurePostgresDatabases,
  OG_SUBGRAPHS,
  publishOgSubgraphs,
  ROOT,
  seedAll,
  startFederation,
  SUBGRAPHS,
} from '../../scripts/lib/federation.mjs';
import { startKeycloak } from '../../scripts/lib/keycloak.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    /** The gateway's metrics, on their own port. */
    gatewayMetricsUrl: string;
    subgraphUrls: Record<string, string>;
    e2ePostgresUrl: string;
    issuer: string;
    tokenUrl: string;
    /** What a further gateway of this run needs in its environment (partial-failure tests). */
    gatewayEnv: Record<string, string>;
    /** What a further copy of a subgraph of this run needs in its environment, by subgraph (its database aside). */
    subgraphEnv: Record<string, Record<string, string>>;
    /** The registry's database as its owner sees it (the registry subgraph's login). */
    registryAdminUrl: string;
    /** The audit store's owner (superuser) URL: what the tamper tests act as. */
    auditAdminUrl: string;
    /** What the audit command and the audit subgraph need: reader role URL, key ring, trusted keys file. */
    auditEnv: Record<string, string>;
  }
}

/** Persons seeded for the end-to-end run (the personas are always added). */
export const E2E_PERSONS = 2_000;

/**
 * Starts the compiled federation on PostgreSQL for the end-to-end tests,
 * with real Keycloak as the identity provider: one database per subgraph,
 * seeded, every process on a free loopback port.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'gateway/supergraph/supergraph.graphql'))) {
    throw new Error('the end-to-end tests run the compiled federation: run npm run build && npm run compose first (npm test does)');
  }
  const postgresUrl = process.env.TEST_POSTGRES_URL ?? process.env.CMB_TEST_POSTGRES_URL;
  if (!postgresUrl) throw new Error('no PostgreSQL for the end-to-end tests: the postgres global setup must run first');
  // The real identity provider: Keycloak from Maven Central with the realm imported (cached after the
  // first run). It starts while the databases are seeded; its issuer URL is known from its port.
  const keycloakPort = await freePort();
  const starting = startKeycloak({ port: keycloakPort, log: (line: string) => console.error(line) }) as Promise<{
    issuer: string;
    tokenUrl: string;
    stop: () => Promise<void>;
  }>;
  starting.catch(() => undefined);
  const issuer = `http://127.0.0.1:${keycloakPort}/realms/cmb`;
  const storage = { postgresUrl };
  try {
    await ensurePostgresDatabases(postgresUrl);
    await seedAll(storage, { persons: E2E_PERSONS, reset: true, quiet: true });
  } catch (error) {
    await starting.then(
      (keycloak) => keycloak.stop(),
      () => undefined,
    );
    throw error;
  }
  const ports: Record<string, number> = {};
  for (const { name } of [...SUBGRAPHS, ...OG_SUBGRAPHS] as { name: string }[]) ports[name] = await freePort();
  // Production mode, as deployed: no stack traces, no introspection, real keys. The gateway alone holds
  // the private key of the caller context, every subgraph its public key; beneficiaries and medical-records
  // alone share the consent capability secret; the national subgraphs that issue and verify proofs alone
  // share the federation proof secret.
  const contextKey = generateContextKeyPair();
  const production = {
    NODE_ENV: 'production',
    DECISION_ID_KEY: randomBytes(32).toString('base64'),
    GATEWAY_CONTEXT_PUBLIC_KEYS: `e2e:${contextKey.publicKey}`,
  };
  const proofs = { FEDERATION_PROOF_SECRET: randomBytes(32).toString('base64') };
  const consent = { ...proofs, CONSENT_CAPABILITY_SECRET: randomBytes(32).toString('base64') };
  // The tests and the k6 smoke act as few clients at a high rate: the per-client limit is tested on its own gateway.
  const audit = await prepareAuditStore(postgresUrl);
  const registry = await prepareRegistry(postgresUrl);
  const subgraphEnv: Record<string, Record<string, string>> = {
    audit: audit.auditEnv,
    beneficiaries: consent,
    'medical-records': consent,
    'care-pathways': proofs,
    // The hot-reload test alone publishes ten versions as CNSS within a minute: more than an OG's hourly budget
    // (12 by default; the budget itself is the registry's integration test's).
    registry: { REGISTRY_ALLOWED_ROUTING_HOSTS: '127.0.0.1', REGISTRY_CHANGES_PER_HOUR: '200' },
  };
  const gatewayEnv = {
    NODE_ENV: 'production',
    GATEWAY_CONTEXT_PRIVATE_KEY: contextKey.privateKey,
    GATEWAY_CONTEXT_KEY_ID: 'e2e',
    RATE_LIMIT_PER_SECOND: '100000',
    RATE_LIMIT_BURST: '100000',
    SUPERGRAPH_POLL_MS: '500',
    FIELD_USAGE_FLUSH_MS: '1000',
    // The web consoles' browser tests serve them on this origin (the realm's redirect URIs).
    CONSOLE_ORIGIN: 'http://127.0.0.1:5173',
    ...audit.gatewayEnv,
    ...registry.gatewayEnv,
  };
  let federation: { gateway: { url: string; metricsUrl: string }; subgraphs: unknown; stop: () => Promise<void> };
  try {
    federation = await startFederation(storage, {
      ports,
      gatewayPort: await freePort(),
      // A free port chosen here may be taken before the gateway listens on a busy machine: it then takes another.
      portFallback: true,
      quiet: true,
      env: production,
      subgraphEnv,
      gatewayEnv,
      issuer,
      // The sample OG subgraph is published once Keycloak gives og-cnss its token (below).
      publishOg: false,
    });
  } catch (error) {
    await starting.then(
      (keycloak) => keycloak.stop(),
      () => undefined,
    );
    throw error;
  }
  const identity = await starting.catch(async (error: unknown) => {
    await federation.stop();
    throw error;
  });
  // The sample OG subgraph joins as an OG would: published through the registry by og-cnss, through the gateway.
  const subgraphsStarted = federation.subgraphs as Record<string, { name: string; dir: string; url: string }>;
  try {
    await publishOgSubgraphs(
      (OG_SUBGRAPHS as { name: string }[]).map((og) => subgraphsStarted[og.name]),
      { gatewayUrl: federation.gateway.url, issuer: identity.issuer, quiet: true },
    );
  } catch (error) {
    await federation.stop();
    await identity.stop();
    throw error;
  }
  project.provide('issuer', identity.issuer);
  project.provide('tokenUrl', identity.tokenUrl);
  project.provide('gatewayEnv', { ...gatewayEnv, AUTH_ISSUER: identity.issuer });
  project.provide(
    'subgraphEnv',
    Object.fromEntries(
      ([...SUBGRAPHS, ...OG_SUBGRAPHS] as { name: string }[]).map(({ name }) => [name, { ...production, ...subgraphEnv[name] }]),
    ),
  );
  project.provide('gatewayUrl', federation.gateway.url);
  project.provide('gatewayMetricsUrl', federation.gateway.metricsUrl);
  project.provide('e2ePostgresUrl', postgresUrl);
  project.provide('auditAdminUrl', audit.adminUrl);
  project.provide('registryAdminUrl', registry.adminUrl);
  project.provide('auditEnv', audit.auditEnv);
  project.provide(
    'subgraphUrls',
    Object.fromEntries(Object.entries(federation.subgraphs as Record<string, { url: string }>).map(([name, s]) => [name, s.url])),
  );
  return async () => {
    await federation.stop();
    await identity.stop();
    rmSync(audit.keysDir, { recursive: true, force: true });
  };
}

/** The login the gateways of the run follow the registry with: a member of the follower role. */
export const E2E_GATEWAY_REGISTRY_LOGIN = 'cmb_gateway_registry';

/**
 * The registry's database as in production: empty (what a previous run left
 * is gone), the follower group role created by the administrator before the
 * registry migrates (its migration grants the role SELECT on the supergraphs
 * and the usage counts, and their writes), and the gateways' login in it.
 */
async function prepareRegistry(postgresUrl: string) {
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  const password = randomBytes(12).toString('hex');
  try {
    await admin.query('DROP DATABASE IF EXISTS cmb_registry WITH (FORCE)');
    await admin.query('CREATE DATABASE cmb_registry');
    const group = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = 'cmb_registry_follower'");
    if (!group.rowCount) await admin.query('CREATE ROLE cmb_registry_follower NOLOGIN');
    const login = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [E2E_GATEWAY_REGISTRY_LOGIN]);
    await admin.query(`${login.rowCount ? 'ALTER' : 'CREATE'} ROLE ${E2E_GATEWAY_REGISTRY_LOGIN} LOGIN PASSWORD '${password}'`);
    await admin.query(`GRANT cmb_registry_follower TO ${E2E_GATEWAY_REGISTRY_LOGIN}`);
  } finally {
    await admin.end();
  }
  return {
    adminUrl: urlFor(postgresUrl, 'cmb_registry'),
    gatewayEnv: { REGISTRY_DATABASE_URL: urlFor(postgresUrl, 'cmb_registry', { name: E2E_GATEWAY_REGISTRY_LOGIN, password }) },
  };
}

/** A URL of the run's cluster for another database and role. */
function urlFor(postgresUrl: string, database: string, role?: { name: string; password: string }): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  if (role) {
    url.username = role.name;
    url.password = role.password;
  }
  return url.toString();
}

/** The login the gateways of the run append to the audit store with: their writer ids are `cmb_gateway_audit:...`. */
export const E2E_GATEWAY_AUDIT_LOGIN = 'cmb_gateway_audit';

/**
 * The audit store as in production: its own database migrated by its owner,
 * the gateway logging in with a role that may only INSERT and SELECT (its own
 * writer ids only), the audit subgraph with the reader role; the witness of
 * the checkpoints in a database of its own; a fresh signing key, bound to the
 * gateway's writer ids, and key ring.
 */
async function prepareAuditStore(postgresUrl: string) {
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS cmb_audit WITH (FORCE)');
  await admin.query('CREATE DATABASE cmb_audit');
  await admin.query('DROP DATABASE IF EXISTS cmb_audit_witness WITH (FORCE)');
  await admin.query('CREATE DATABASE cmb_audit_witness');
  const adminUrl = urlFor(postgresUrl, 'cmb_audit');
  const owner = openAuditDatabase({ url: adminUrl });
  await migrateAuditStore(owner);
  await owner.close();
  const witnessOwner = openAuditDatabase({ url: urlFor(postgresUrl, 'cmb_audit_witness') });
  await migrateAuditWitness(witnessOwner);
  await witnessOwner.close();
  const logins = {
    gateway: { name: E2E_GATEWAY_AUDIT_LOGIN, password: randomBytes(12).toString('hex'), group: AUDIT_ROLES.writer },
    subgraph: { name: 'cmb_audit_subgraph', password: randomBytes(12).toString('hex'), group: AUDIT_ROLES.reader },
  };
  for (const login of Object.values(logins)) {
    const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.name]);
    await admin.query(`${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${login.name} LOGIN PASSWORD '${login.password}'`);
    await admin.query(`GRANT ${login.group} TO ${login.name}`);
  }
  await admin.end();
  const signing = generateSigningKeyPair();
  const keysDir = mkdtempSync(join(tmpdir(), 'cmb-audit-keys-'));
  const trustedKeysFile = join(keysDir, 'trusted-keys.json');
  writeFileSync(
    trustedKeysFile,
    JSON.stringify({ e2e: { publicKey: signing.publicKey, writers: [E2E_GATEWAY_AUDIT_LOGIN, `${E2E_GATEWAY_AUDIT_LOGIN}:*`] } }),
  );
  const pseudonymKeys = `e2e:${randomBytes(32).toString('base64')}`;
  return {
    adminUrl,
    keysDir,
    gatewayEnv: {
      AUDIT_DATABASE_URL: urlFor(postgresUrl, 'cmb_audit', logins.gateway),
      AUDIT_PSEUDONYM_KEYS: pseudonymKeys,
      AUDIT_SIGNING_KEY: signing.privateKey,
      AUDIT_SIGNING_KEY_ID: 'e2e',
      AUDIT_WITNESS_DATABASE_URL: urlFor(postgresUrl, 'cmb_audit_witness', logins.gateway),
    },
    auditEnv: {
      AUDIT_DATABASE_URL: urlFor(postgresUrl, 'cmb_audit', logins.subgraph),
      AUDIT_WITNESS_DATABASE_URL: urlFor(postgresUrl, 'cmb_audit_witness', logins.subgraph),
      AUDIT_PSEUDONYM_KEYS: pseudonymKeys,
      AUDIT_TRUSTED_KEYS_FILE: trustedKeysFile,
      AUDIT_RETENTION_DAYS: '3650',
    },
  };
}
