// Provisions a throwaway PostgreSQL cluster for tests and benchmarks: installs
// the Debian package when missing, runs initdb as the `postgres` user in a
// temporary directory, starts the server on a free loopback port, and removes
// everything on stop. PostgreSQL refuses to run as root, hence the user switch.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL_HINT =
  'Install PostgreSQL 15+ (Debian: apt-get update && apt-get install -y postgresql) or run as root so the test command can install it.';

/** Finds the directory of initdb/pg_ctl: Debian keeps them under /usr/lib/postgresql/<version>/bin. */
export function findPostgresBin() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return join(which.stdout.trim(), '..');
  return null;
}

/** Installs PostgreSQL from Debian's packages when it is missing (needs root). */
export function ensurePostgresInstalled(log = console.error) {
  let bin = findPostgresBin();
  if (bin) return bin;
  if (process.getuid?.() !== 0) throw new Error(`PostgreSQL is not installed. ${INSTALL_HINT}`);
  log('PostgreSQL not found: installing the Debian package (apt-get install postgresql)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install =
    update.status === 0
      ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env })
      : update;
  bin = findPostgresBin();
  if (install.status !== 0 || !bin) throw new Error(`Installing PostgreSQL failed. ${INSTALL_HINT}`);
  return bin;
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function runAsPostgres(command, args, options = {}) {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
}

/**
 * Starts a throwaway cluster and returns its superuser URL and a stop function.
 * Options: { port, log, settings } where settings are extra postgresql.conf lines.
 */
export async function startPostgres(options = {}) {
  const log = options.log ?? console.error;
  const bin = ensurePostgresInstalled(log);
  const dir = mkdtempSync(join(tmpdir(), 'cmb-pg-'));
  const dataDir = join(dir, 'data');
  if (process.getuid?.() === 0) chownSync(dir, Number(runAsPostgresId('-u')), Number(runAsPostgresId('-g')));
  runAsPostgres(join(bin, 'initdb'), ['-D', dataDir, '-U', 'cmb', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = options.port ?? (await freePort());
  const settings = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'max_connections = 200',
    'shared_buffers = 256MB',
    ...(options.settings ?? []),
  ];
  writeFileSync(join(dir, 'extra.conf'), settings.join('\n') + '\n');
  chownIfRoot(join(dir, 'extra.conf'));
  runAsPostgres('sh', ['-c', `cat '${join(dir, 'extra.conf')}' >> '${join(dataDir, 'postgresql.conf')}'`]);
  runAsPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const url = `postgres://cmb@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      runAsPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url, port, dir, stop };
}

function runAsPostgresId(flag) {
  return execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim();
}

function chownIfRoot(path) {
  if (process.getuid?.() === 0) chownSync(path, Number(runAsPostgresId('-u')), Number(runAsPostgresId('-g')));
}

/** The postmaster's pid of a cluster (first line of `<dataDir>/postmaster.pid`); null when it is not running. */
export function postmasterPid(dataDir) {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
