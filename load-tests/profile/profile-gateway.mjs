// `npm run profile`: runs the gateway under `node --cpu-prof` in front of the
// six subgraphs (SQLite data of npm start, seeded when missing) and the
// development issuer, drives the k6 load scenario at a modest rate, then
// prints where the gateway's CPU goes. Options: --rate N (default 60),
// --duration D (default 20s). Loopback only, bounded in time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  auditStoreEnv,
  envName,
  ROOT,
  SEEDED_SUBGRAPHS,
  seedAll,
  startDevIssuer,
  startSubgraph,
  SUBGRAPHS,
} from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';
import { stopAllChildren, stopChild, waitForHttp } from '../../scripts/lib/processes.mjs';
import { summarizeProfile } from './summarize-profile.mjs';

// A development tool on synthetic data: any NODE_ENV but development or test is production, which refuses the development keys.
process.env.NODE_ENV ??= 'development';

const { values } = parseArgs({ options: { rate: { type: 'string', default: '60' }, duration: { type: 'string', default: '20s' } } });
const storage = { dataDir: join(ROOT, 'data') };
const profileDir = mkdtempSync(join(tmpdir(), 'cmb-profile-'));
process.on('SIGINT', () => stopAllChildren().then(() => process.exit(130)));

try {
  if (SEEDED_SUBGRAPHS.some(({ name }) => !existsSync(join(storage.dataDir, `${name}.sqlite`))))
    await seedAll(storage, { persons: 10_000, quiet: true });
  const issuer = await startDevIssuer({ port: await freePort(), quiet: true });
  const subgraphs = await Promise.all(SUBGRAPHS.map(async (s) => startSubgraph(s, storage, { port: await freePort(), quiet: true })));
  const port = await freePort();
  const env = {
    ...process.env,
    ...auditStoreEnv(storage),
    PORT: String(port),
    HOST: '127.0.0.1',
    METRICS_PORT: String(await freePort()),
    AUTH_ISSUER: issuer.issuer,
    RATE_LIMIT_PER_SECOND: '1000000',
    RATE_LIMIT_BURST: '1000000',
    LOG_LEVEL: 'error',
  };
  for (const subgraph of subgraphs) env[`SUBGRAPH_${envName(subgraph.name)}_URL`] = subgraph.url;
  const gateway = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, join(ROOT, 'gateway/dist/index.js')], {
    env,
    stdio: 'inherit',
  });
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, { child: gateway });
  const k6 = spawnSync(
    process.execPath,
    [
      join(ROOT, 'load-tests/run-k6.mjs'),
      'load',
      '--url',
      `http://127.0.0.1:${port}/graphql`,
      '--rate',
      values.rate,
      '--duration',
      values.duration,
      '-q',
    ],
    {
      env: { ...process.env, AUTH_ISSUER: issuer.issuer },
      encoding: 'utf8',
    },
  );
  console.log(
    k6.stdout
      .split('\n')
      .filter((line) => /http_reqs|eligibility\}|graphql_errors/.test(line))
      .join('\n'),
  );
  await stopChild(gateway);
  const [file] = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'));
  const summary = summarizeProfile(join(profileDir, file));
  console.log(`\ngateway CPU profile (${summary.totalMs.toFixed(0)} ms sampled; ${join(profileDir, file)}):\n\nby package`);
  for (const entry of summary.byOrigin) console.log(`${(entry.share * 100).toFixed(1).padStart(6)}%  ${entry.name}`);
  console.log('\nby function');
  for (const entry of summary.byFunction) console.log(`${(entry.share * 100).toFixed(1).padStart(6)}%  ${entry.name}`);
} finally {
  await stopAllChildren();
}
