// `npm start`: builds, composes, seeds the embedded SQLite files on first
// start (10,000 persons plus the personas), starts the subgraphs (the
// registry, which fills itself from the build-time composition, and the
// sample OG subgraph cnss-claims) and the gateway (following the registry),
// publishes cnss-claims through the registry as CNSS, prints the URL and an
// example query. Ctrl-C stops everything.
// Set PG_URL=postgres://user@host:port to run on PostgreSQL instead. The audit
// trail stays in data/audit.sqlite (AUDIT_DATABASE_URL moves it): the gateway
// writes it and the audit subgraph reads it, both given its absolute path.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleOrigin, startConsoleServer } from '../console/server/console-server.mjs';
import { buildAndCompose } from './lib/build.mjs';
import { stopAllChildren } from './lib/processes.mjs';
import { DEV_USER_PASSWORD } from './lib/keycloak.mjs';
import { assertProjectRuntime } from './lib/runtime.mjs';
import {
  auditStoreEnv,
  ensurePostgresDatabases,
  registryEnv,
  ROOT,
  SEEDED_SUBGRAPHS,
  seedAll,
  startDevIssuer,
  startFederation,
} from './lib/federation.mjs';

// A development tool on synthetic data: any NODE_ENV but development or test is production, which refuses the development keys.
process.env.NODE_ENV ??= 'development';
assertProjectRuntime();

// Ctrl-C at any moment, even during start-up, stops every process started so far. A terminal's Ctrl-C also
// reaches the children (one process group): each takes this SIGTERM right after as the same stop, drains and
// seals its audit chain (see the kit's stopOnSignals).
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.error('\nstopping the gateway and the subgraphs...');
  await stopAllChildren();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const persons = Number(process.env.SEED_PERSONS ?? 10_000);
const gatewayPort = Number(process.env.PORT ?? 4000);
const postgresUrl = process.env.PG_URL;
const storage = { dataDir: join(ROOT, 'data'), postgresUrl };

buildAndCompose();
if (postgresUrl) await ensurePostgresDatabases(postgresUrl);
const firstStart = postgresUrl || SEEDED_SUBGRAPHS.some(({ name }) => !existsSync(join(storage.dataDir, `${name}.sqlite`)));
if (firstStart) {
  console.error(`seeding ${persons} synthetic persons plus the personas (first start)...`);
  // Loaded once built: the seeds' progress drawn together on stderr (bars on a terminal, lines in logs, CMB_PROGRESS).
  const { createProgressBoard } = await import('@cmb/kit/dist/progress/index.js');
  const progress = createProgressBoard();
  const { milliseconds, outputs } = await seedAll(storage, { persons, quiet: true, progress }).finally(() => progress.end());
  for (const line of outputs) console.error(`  ${line.trim()}`);
  console.error(`seeded in ${(milliseconds / 1000).toFixed(1)} s`);
}

const issuer = process.env.AUTH_ISSUER ?? (await startDevIssuer()).issuer;
// The web consoles on an origin of their own (the realm's redirect URIs name it); the gateway allows it (CORS).
const consoles = consoleOrigin();
const federation = await startFederation(storage, {
  gatewayPort,
  metricsPort: Number(process.env.METRICS_PORT ?? 9464),
  issuer,
  gatewayEnv: { CONSOLE_ORIGIN: consoles },
});
const consoleServer = await startConsoleServer({ origin: consoles, issuer, gatewayUrl: federation.gateway.url });
// The realm's development users (synthetic), by role: who can sign in to which console.
const developmentUsers = JSON.parse(readFileSync(join(ROOT, 'auth/realm/cmb-realm.json'), 'utf8'))
  .users.filter((user) => !user.username.startsWith('service-account-'))
  .map((user) => `${user.username} (${(user.realmRoles ?? []).join(', ') || 'no role'})`);
const persona = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/personas.json'), 'utf8')).personas[0];
const example = {
  query:
    'query Check($input: EligibilityInput!) { eligibility(input: $input) { eligible outcome reasons { code message } coverage { organism regime role validUntil } provider { name active } pathway { inPathway } } }',
  variables: {
    input: { nationalId: persona.nationalId, providerInpe: persona.providerInpe, date: persona.date, careType: persona.careType },
  },
};
console.log(`
CMB federation gateway ready: ${federation.gateway.url}
  health: http://127.0.0.1:${gatewayPort}/healthz   readiness: /readyz   metrics: ${federation.gateway.metricsUrl}
  data: ${postgresUrl ? 'PostgreSQL' : storage.dataDir} (synthetic)
  audit trail: ${process.env.AUDIT_DATABASE_URL ? 'PostgreSQL (AUDIT_DATABASE_URL)' : auditStoreEnv(storage).AUDIT_SQLITE_PATH} (officers: auditEvents, auditAnomalies; the insured person: myAccessHistory)
  audit witness: ${process.env.AUDIT_WITNESS_DATABASE_URL ? 'PostgreSQL (AUDIT_WITNESS_DATABASE_URL)' : auditStoreEnv(storage).AUDIT_WITNESS_SQLITE_PATH} (npm run audit:verify reads it with AUDIT_WITNESS_SQLITE_PATH)
  subgraph registry: ${postgresUrl ? 'PostgreSQL (cmb_registry)' : registryEnv(storage).REGISTRY_SQLITE_PATH}; the gateway follows it (npm run registry -- list --client og-cnss)
  OG subgraph published through the registry: cnss-claims (CNSS's reimbursement files: person(nationalId) { cnssClaimFiles } with og-cnss under beneficiary:read)
  identity: ${issuer}${process.env.AUTH_ISSUER ? '' : ' (embedded development issuer)'}

Web consoles: ${consoleServer.url}
  officers (the trail): ${consoleServer.url}/officer   insured person (my data): ${consoleServer.url}/me   regulator (indicators): ${consoleServer.url}/indicators
  development users (synthetic, password ${DEV_USER_PASSWORD}): ${developmentUsers.join(', ')}

Example: eligibility of persona ${persona.id} (${persona.name}, synthetic), checked by client ${persona.clientId}:

TOKEN=$(npm run -s token -- ${persona.clientId} --scope eligibility:check)
curl -s ${federation.gateway.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
  -d '${JSON.stringify(example)}'

Ctrl-C stops everything.`);
