// The benchmark's storage: a throwaway PostgreSQL cluster (default), a kept
// one when `--reuse` is asked (one per dataset size, seeded once), or SQLite
// files. Seeds the five subgraphs, reports the seed time and the size of
// each subgraph's database.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensurePostgresDatabases, SEEDED_SUBGRAPHS, seedAll } from '../../scripts/lib/federation.mjs';
import { ensurePostgresInstalled, freePort, startPostgres } from '../../scripts/lib/postgres.mjs';
import { STATEMENT_COUNTING_SETTINGS } from './measure/statements.mjs';

/** Where kept datasets live (`--reuse`): $CMB_BENCH_DATA or <tmp>/cmb-bench. */
export function benchDataDir() {
  return process.env.CMB_BENCH_DATA ?? join(tmpdir(), 'cmb-bench');
}

const POSTGRES_SETTINGS = [...STATEMENT_COUNTING_SETTINGS];

/**
 * Given at every start, kept clusters included: every statement over 100 ms
 * written to the cluster's server.log with its duration (text only, no bound
 * values), so a slow pass can be traced to a statement or cleared of one.
 */
const SLOW_STATEMENT_SETTINGS = ['log_min_duration_statement=100', 'log_parameter_max_length=0'];

function asPostgresUser(command, args) {
  const root = process.getuid?.() === 0;
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

function chownToPostgres(path) {
  if (process.getuid?.() !== 0) return;
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(path, id('-u'), id('-g'));
}

/** A PostgreSQL cluster kept in `dir` across runs: created on first use, started on a free port, stopped (not removed) at the end. */
async function startKeptPostgres(dir, log, extraSettings = []) {
  const bin = ensurePostgresInstalled(log);
  const dataDir = join(dir, 'data');
  const created = !existsSync(join(dataDir, 'PG_VERSION'));
  if (created) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    chownToPostgres(dir);
    asPostgresUser(join(bin, 'initdb'), ['-D', dataDir, '-U', 'cmb', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    const settings = [
      "listen_addresses = '127.0.0.1'",
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'max_connections = 200',
      'shared_buffers = 256MB',
      ...POSTGRES_SETTINGS,
    ];
    asPostgresUser('sh', [
      '-c',
      `printf '%s\\n' ${settings.map((s) => `"${s.replace(/"/g, '\\"')}"`).join(' ')} >> '${join(dataDir, 'postgresql.conf')}'`,
    ]);
  }
  // A cluster left running by an interrupted run is ours: stop it first.
  try {
    asPostgresUser(join(bin, 'pg_ctl'), ['-D', dataDir, 'status']);
    asPostgresUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  } catch {
    // not running
  }
  const port = await freePort();
  // One log per run, the previous run's kept beside it: a kept cluster's log does not grow run after run.
  const logFile = join(dir, 'server.log');
  if (existsSync(logFile)) renameSync(logFile, join(dir, 'server.previous.log'));
  asPostgresUser(join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-l',
    logFile,
    '-w',
    '-t',
    '120',
    '-o',
    [`-p ${port} -k ${dir}`, ...extraSettings.map((setting) => `-c ${setting.replace(/\s/g, '')}`)].join(' '),
    'start',
  ]);
  let stopped = false;
  return {
    url: `postgres://cmb@127.0.0.1:${port}/postgres`,
    dataDir,
    created,
    stop: () => {
      if (stopped) return;
      stopped = true;
      asPostgresUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', '-t', '120', 'stop']);
    },
  };
}

function readMarker(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** `beneficiaries: 12345 rows in 3.2 s` → seconds per subgraph, from the seed commands' output. */
function seedSecondsPerSubgraph(outputs) {
  return Object.fromEntries(
    SEEDED_SUBGRAPHS.map(({ name }, index) => {
      const match = /rows in ([\d.]+) s/.exec(outputs[index] ?? '');
      return [name, match ? Number(match[1]) : null];
    }),
  );
}

/**
 * VACUUM ANALYZE of every subgraph database right after seeding, so
 * autovacuum does not wake up on the fresh tables in the middle of a
 * measured run (and the visibility map allows index-only scans).
 */
async function vacuumAll(postgresUrl) {
  const started = Date.now();
  for (const { name } of SEEDED_SUBGRAPHS) {
    const url = new URL(postgresUrl);
    url.pathname = `/cmb_${name.replace(/-/g, '_')}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query('VACUUM ANALYZE');
    } finally {
      await client.end();
    }
  }
  return (Date.now() - started) / 1000;
}

/** Size in bytes of each subgraph's database. */
async function databaseSizes(kind, storage) {
  if (kind === 'sqlite') {
    const size = (path) => (existsSync(path) ? statSync(path).size : 0);
    return Object.fromEntries(
      SEEDED_SUBGRAPHS.map(({ name }) => {
        const file = join(storage.dataDir, `${name}.sqlite`);
        return [name, size(file) + size(`${file}-wal`)];
      }),
    );
  }
  const client = new pg.Client({ connectionString: storage.postgresUrl });
  await client.connect();
  try {
    const sizes = {};
    for (const { name } of SEEDED_SUBGRAPHS) {
      const { rows } = await client.query('SELECT pg_database_size($1)::bigint AS bytes', [`cmb_${name.replace(/-/g, '_')}`]);
      sizes[name] = Number(rows[0].bytes);
    }
    return sizes;
  } finally {
    await client.end();
  }
}

/**
 * Provides seeded storage for `persons` synthetic persons (PostgreSQL's
 * shared buffers at `sharedBuffersMb` when given, 256 MB otherwise).
 * Returns `{ kind, storage, postgresUrl, postmasterPid, seed, sizes, stop }`
 * where `storage` is what scripts/lib/federation.mjs takes and `seed` says
 * whether a kept dataset was reused and how long seeding took.
 */
export async function provideStorage({ kind, persons, reuse, sharedBuffersMb = null, log = console.error }) {
  const base = benchDataDir();
  const name = `${kind}-${persons}`;
  const markerPath = join(base, `${name}.json`);
  let storage;
  let stop;
  let postmasterPid = () => null;
  const startSettings = [...SLOW_STATEMENT_SETTINGS, ...(sharedBuffersMb ? [`shared_buffers=${sharedBuffersMb}MB`] : [])];
  if (kind === 'sqlite') {
    const dataDir = reuse ? join(base, name) : mkdtempSync(join(tmpdir(), 'cmb-bench-sqlite-'));
    mkdirSync(dataDir, { recursive: true });
    storage = { dataDir };
    if (reuse && SEEDED_SUBGRAPHS.some(({ name: subgraph }) => !existsSync(join(dataDir, `${subgraph}.sqlite`))))
      rmSync(markerPath, { force: true });
    stop = () => {
      if (!reuse) rmSync(dataDir, { recursive: true, force: true });
    };
  } else {
    let cluster;
    if (reuse) {
      mkdirSync(base, { recursive: true });
      cluster = await startKeptPostgres(join(base, name), log, startSettings);
    } else {
      const throwaway = await startPostgres({ settings: [...POSTGRES_SETTINGS, ...startSettings], log });
      cluster = { ...throwaway, dataDir: join(throwaway.dir, 'data') };
    }
    storage = { postgresUrl: cluster.url };
    stop = () => cluster.stop();
    if (cluster.created) rmSync(markerPath, { force: true });
    postmasterPid = () => {
      try {
        return Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        return null;
      }
    };
  }
  try {
    if (storage.postgresUrl) await ensurePostgresDatabases(storage.postgresUrl);
    const marker = reuse ? readMarker(markerPath) : null;
    let seed;
    if (marker && marker.persons === persons && marker.complete) {
      log(`reusing the ${kind} dataset of ${persons} persons seeded ${marker.seededAt} (${benchDataDir()})`);
      seed = { reused: true, seconds: marker.seconds, perSubgraph: marker.perSubgraph, seededAt: marker.seededAt };
    } else {
      if (reuse) rmSync(markerPath, { force: true });
      if (kind === 'sqlite' && reuse) {
        for (const { name: subgraph } of SEEDED_SUBGRAPHS)
          for (const suffix of ['', '-wal', '-shm']) rmSync(join(storage.dataDir, `${subgraph}.sqlite${suffix}`), { force: true });
      }
      log(`seeding ${persons} persons plus the personas into ${kind}...`);
      const { milliseconds, outputs } = await seedAll(storage, { persons, reset: reuse && kind === 'postgres', quiet: true });
      seed = {
        reused: false,
        seconds: milliseconds / 1000,
        perSubgraph: seedSecondsPerSubgraph(outputs),
        seededAt: new Date().toISOString(),
      };
      log(
        `  seeded in ${seed.seconds.toFixed(1)} s (${Object.entries(seed.perSubgraph)
          .map(([s, t]) => `${s} ${t ?? '?'} s`)
          .join(', ')})`,
      );
      if (storage.postgresUrl) {
        seed.vacuumSeconds = await vacuumAll(storage.postgresUrl);
        log(`  VACUUM ANALYZE in ${seed.vacuumSeconds.toFixed(1)} s`);
      }
      if (reuse) {
        mkdirSync(base, { recursive: true });
        writeFileSync(markerPath, JSON.stringify({ persons, complete: true, ...seed }, null, 2));
      }
    }
    return {
      kind,
      storage,
      postgresUrl: storage.postgresUrl ?? null,
      postmasterPid,
      seed,
      sizes: () => databaseSizes(kind, storage),
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}
