// `npm run profile`: where the CPU of an eligibility decision goes, along the
// whole path. Starts the storage (a throwaway PostgreSQL seeded with
// --persons by default, as the benchmark), the audit store, the six
// subgraphs and the gateway, each Node process with the profiler hook
// preloaded (profiler-hook.mjs: off until signalled); verifies the gateway's
// answers, then loads it with the benchmark's k6 mix in three steps: a
// warm-up; the measured window (CPU of every process and of the PostgreSQL
// servers from /proc, SQL statements from pg_stat_statements, no profiler
// running); the profile window (V8's CPU profiler on in every process).
// Prints each process's hot spots and one summary, writes the JSON report
// (load-tests/results/) that compare-profiles.mjs diffs. Loopback only;
// every run is bounded; every process is stopped at the end.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { auditStoreEnv, ROOT, SEEDED_SUBGRAPHS, seedAll, SUBGRAPHS } from '../../scripts/lib/federation.mjs';
import { provideAuditStore } from '../bench/audit-store.mjs';
import { cleanupAll, onCleanup } from '../bench/cleanup.mjs';
import { runLoadCommand } from '../bench/command.mjs';
import { runK6 } from '../bench/measure/k6-run.mjs';
import { cpuSplit, machineCpu, treeCpu, treeCpuDelta } from '../bench/measure/proc.mjs';
import { STATEMENT_COUNTING_SETTINGS } from '../bench/measure/statements.mjs';
import { runInputs } from '../bench/measure/visit.mjs';
import { startContestants, startFederationContext } from '../bench/setup.mjs';
import { provideStorage } from '../bench/storage.mjs';
import { verifyContestants } from '../bench/verify.mjs';
import { loadPersonas, writeWorkload } from '../bench/workload.mjs';
import { readProfileOptions, RESULTS_DIR, USAGE } from './options.mjs';
import { readGatewayTimings, renderTimings, timingsBetween } from './gateway-timings.mjs';
import { buildProfileReport, decisionsOf } from './profile-report.mjs';
import { renderProcesses, renderStatements, renderSummary } from './profile-tables.mjs';
import { openStatementReader } from './statement-reader.mjs';
import { readCpuProfile, summarizeCpuProfile } from './summarize-profile.mjs';

// A development tool on synthetic data: any NODE_ENV but development or test is production, which refuses the development keys.
process.env.NODE_ENV ??= 'development';

const log = (line) => console.error(line);

/** The monotonic clock in microseconds, as V8 stamps its samples. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Our workspaces, `{ dir, name }`, so a frame is named after its package. */
function workspaces() {
  const { workspaces: dirs } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return dirs.map((dir) => ({ dir, name: JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')).name }));
}

/** PostgreSQL by the benchmark's storage; SQLite as npm start keeps it (data/, seeded when missing). */
async function provideProfileStorage(options) {
  if (options.storage === 'postgres') return provideStorage({ kind: 'postgres', persons: options.persons, reuse: options.reuse, log });
  const storage = { dataDir: join(ROOT, 'data') };
  if (SEEDED_SUBGRAPHS.some(({ name }) => !existsSync(join(storage.dataDir, `${name}.sqlite`)))) {
    log(`seeding ${options.persons} persons into data/ (SQLite, as npm start)...`);
    await seedAll(storage, { persons: options.persons, quiet: true });
  } else log('using the SQLite data of npm start (data/) as it is: --persons must match what it was seeded with');
  return { kind: 'sqlite', storage, postgresUrl: null, postmasterPid: () => null, stop: () => {} };
}

/** The gateways' audit store: a durable PostgreSQL cluster with pg_stat_statements, or npm start's SQLite file. */
async function provideProfileAuditStore(options, storage) {
  if (options.storage === 'postgres') return provideAuditStore({ log, settings: STATEMENT_COUNTING_SETTINGS });
  return { env: auditStoreEnv(storage.storage), url: null, postmasterPid: () => null, stop: () => {} };
}

/** CPU seconds of each process (user and kernel) and PostgreSQL cluster, and of the machine. */
function readCpu(processes, clusters) {
  return {
    processes: new Map(processes.map(({ name, pid }) => [name, cpuSplit(pid)])),
    clusters: new Map(clusters.map(({ name, pid }) => [name, pid ? treeCpu(pid) : null])),
    machine: machineCpu(),
  };
}

const HOOK = join(import.meta.dirname, 'profiler-hook.mjs');

/** Starts or stops the profiler of every process (profiler-hook.mjs toggles on SIGUSR2). */
function toggleProfilers(processes) {
  for (const { name, pid } of processes) {
    try {
      process.kill(pid, 'SIGUSR2');
    } catch (error) {
      throw new Error(`${name} (pid ${pid}) is gone: ${error.message}`, { cause: error });
    }
  }
}

/** Waits (at most `timeoutMs`) for `<pid><suffix>` of every process in dir; returns the paths found by name. */
async function waitForFiles(dir, processes, suffix, { timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const found = new Map();
  while (found.size < processes.length && Date.now() < deadline) {
    const files = new Set(readdirSync(dir));
    for (const { name, pid } of processes) if (files.has(`${pid}${suffix}`)) found.set(name, join(dir, `${pid}${suffix}`));
    if (found.size < processes.length) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return found;
}

async function profileRun(options, { k6, info }) {
  const startedAt = new Date();
  const id = `profile-${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
  const outPath = resolve(options.out ?? join(RESULTS_DIR, `${id}.json`));
  const profileDir = join(RESULTS_DIR, id);
  mkdirSync(profileDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'cmb-profile-'));
  onCleanup('work directory', () => rmSync(work, { recursive: true, force: true }));
  const personas = loadPersonas();
  const quiet = !options.verbose;

  const storage = await provideProfileStorage(options);
  onCleanup('storage', () => storage.stop());
  log('starting the audit store...');
  const audit = await provideProfileAuditStore(options, storage);
  onCleanup('audit store', () => audit.stop());
  const readers = [];
  if (storage.postgresUrl) {
    const subgraphReader = await openStatementReader(storage.postgresUrl, {
      cluster: 'subgraphs',
      databases: 'cmb\\_%',
      databaseName: (name) => name.replace(/^cmb_/, '').replace(/_/g, '-'),
    });
    onCleanup('statement reader (subgraphs)', () => subgraphReader.close());
    readers.push({ cluster: 'subgraphs', reader: subgraphReader });
  }
  if (audit.url) {
    const auditReader = await openStatementReader(audit.url, { cluster: 'audit store', databaseName: () => 'audit' });
    onCleanup('statement reader (audit store)', () => auditReader.close());
    readers.push({ cluster: 'audit store', reader: auditReader });
  }

  // Every Node process of the path preloads the hook; it profiles between two SIGUSR2 and writes into profileDir.
  const processEnv = {
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${pathToFileURL(HOOK).href}`].filter(Boolean).join(' '),
    CMB_PROFILE_DIR: profileDir,
  };
  log(`starting the ${SUBGRAPHS.length} subgraphs...`);
  const ctx = await startFederationContext({
    storage,
    audit,
    contestants: [options.gateway],
    work,
    persons: options.persons,
    personas,
    quiet,
    processEnv,
  });
  const { subgraphs, contextKey } = ctx;
  const [gateway] = await startContestants([options.gateway], ctx, log);
  log('verifying its answers (personas and generated persons)...');
  await verifyContestants([gateway], { personas, persons: options.persons, contextKey });

  const workloadPath = writeWorkload(work, { persons: options.persons, personas });
  const run = async (duration, inputs) =>
    runK6({ k6, url: gateway.url, queryKind: gateway.queryKind, workloadPath, ...options.load, duration, ...inputs });
  if (options.warmup > 0) {
    log(`warm-up: ${options.warmup} s...`);
    await run(options.warmup, await runInputs(gateway, options.warmup));
  }
  // The floor is the beneficiaries process itself: no gateway layer then.
  const processes = [
    ...(Object.values(subgraphs).some((s) => s.child.pid === gateway.pid) ? [] : [{ name: 'gateway', kind: 'gateway', pid: gateway.pid }]),
    ...SUBGRAPHS.map(({ name }) => ({ name, kind: 'subgraph', pid: subgraphs[name].child.pid })),
  ];
  const clusters = [
    ...(storage.postgresUrl ? [{ name: 'PostgreSQL (subgraphs)', kind: 'postgres', pid: storage.postmasterPid() }] : []),
    ...(audit.url ? [{ name: 'PostgreSQL (audit store)', kind: 'postgres', pid: audit.postmasterPid() }] : []),
  ];
  let inputs = await runInputs(gateway, options.duration);
  for (const { reader } of readers) await reader.reset();
  log(`measured window: ${options.duration} s (CPU, SQL)...`);
  const timingsBefore = await readGatewayTimings(gateway.metricsUrl);
  const before = readCpu(processes, clusters);
  const load = await run(options.duration, inputs);
  const after = readCpu(processes, clusters);
  const timings = timingsBetween(timingsBefore, await readGatewayTimings(gateway.metricsUrl), decisionsOf(load));
  const statements = [];
  for (const { cluster, reader } of readers) statements.push({ cluster, rows: await reader.read() });

  log(`profile window: ${options.duration} s (V8's CPU profiler in every process)...`);
  toggleProfilers(processes);
  const started = await waitForFiles(profileDir, processes, '.started');
  if (started.size < processes.length)
    log(
      `  the profiler did not start within 30 s in ${processes
        .filter((p) => !started.has(p.name))
        .map((p) => p.name)
        .join(', ')}`,
    );
  inputs = await runInputs(gateway, options.duration);
  const window = { startUs: monotonicMicros() };
  const profileLoad = await run(options.duration, inputs);
  window.endUs = monotonicMicros();
  toggleProfilers(processes);
  const files = await waitForFiles(profileDir, processes, '.cpuprofile');
  log('stopping every process...');
  await cleanupAll(log);
  const packages = workspaces();
  const profiles = {};
  for (const { name, pid } of processes) {
    const file = files.get(name);
    if (!file) {
      log(`  no profile from ${name} (pid ${pid}) within 30 s`);
      continue;
    }
    profiles[name] = { ...summarizeCpuProfile(readCpuProfile(file), { window, root: ROOT, workspaces: packages }), file };
  }
  const layers = [
    ...processes.map(({ name, kind, pid }) => {
      const [was, is] = [before.processes.get(name), after.processes.get(name)];
      const kernelMs = (is.system - was.system) * 1000;
      return { name, kind, pid, cpuMs: (is.user - was.user) * 1000 + kernelMs, kernelMs };
    }),
    ...clusters.map(({ name, kind, pid }) => ({
      name,
      kind,
      pid,
      cpuMs: before.clusters.get(name) ? treeCpuDelta(before.clusters.get(name), after.clusters.get(name)) * 1000 : 0,
    })),
  ];
  const report = buildProfileReport({
    meta: {
      id,
      startedAt: startedAt.toISOString(),
      command: options.command,
      gatewayName: options.gateway.name,
      options: {
        storage: options.storage,
        persons: options.persons,
        gateway: options.gateway.id,
        load: options.load,
        warmup: options.warmup,
        duration: options.duration,
      },
      machine: info,
      machineBusyShare: (after.machine.busy - before.machine.busy) / Math.max(after.machine.total - before.machine.total, 1e-9),
    },
    load,
    layers,
    machineBusyMs: (after.machine.busy - before.machine.busy) * 1000,
    statements: readers.length ? statements : null,
    profileLoad,
    profiles,
  });
  report.timings = timings;
  mkdirSync(resolve(outPath, '..'), { recursive: true });
  writeFileSync(outPath, JSON.stringify(report, null, 2));
  console.log(renderProcesses(report));
  console.log(renderStatements(report));
  console.log(renderSummary(report));
  console.log(`\n${renderTimings(timings)}`);
  console.log(`\nreport: ${outPath}\nprofiles (Chrome DevTools, speedscope): ${profileDir}`);
  if (load.errors > 0.01 * load.requests)
    log(`warning: ${load.errors} of ${load.requests} requests failed: the figures per decision are not those of a healthy path`);
}

await runLoadCommand({ name: 'profile', usage: USAGE, readOptions: readProfileOptions, log, run: profileRun });
