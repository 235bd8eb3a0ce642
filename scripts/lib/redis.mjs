// Provisions a throwaway Redis for tests (the gateway replicas' shared rate
// limits): installs Debian's redis-server when missing (as root), starts it
// on a loopback port with no persistence in a temporary directory, waits for
// PING, and removes everything on stop. A first start that fails is retried
// once on another port; the server's own output says why when it still fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres.mjs';

const INSTALL_HINT =
  'Install Redis (Debian: apt-get update && apt-get install -y redis-server) or run as root so the test command can install it.';

/** The redis-server binary: on PATH or where Debian installs it; null when absent. */
export function findRedisServer() {
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

/** Installs Debian's redis-server when it is missing (needs root). */
export function ensureRedisInstalled(log = console.error) {
  let binary = findRedisServer();
  if (binary) return binary;
  if (process.getuid?.() !== 0) throw new Error(`redis-server is not installed. ${INSTALL_HINT}`);
  log('redis-server not found: installing the Debian package (apt-get install redis-server)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install =
    update.status === 0
      ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { stdio: 'inherit', env })
      : update;
  binary = findRedisServer();
  if (install.status !== 0 || !binary) throw new Error(`Installing redis-server failed. ${INSTALL_HINT}`);
  return binary;
}

/** Resolves true once the server answers PING on the port. */
function pings(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Starts redis-server on the port and waits for it (10 s at most); rejects with its output when it does not answer. */
async function startOn(binary, port, dir) {
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) break;
    if (await pings(port)) return child;
    await new Promise((done) => setTimeout(done, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port}:\n${output}`);
}

/**
 * Starts a throwaway Redis and returns its URL, port, and `stop`/`restart`
 * (a restart comes back empty on the same port: the tests' store outage).
 * Options: { port, log }.
 */
export async function startRedis(options = {}) {
  const log = options.log ?? console.error;
  const binary = ensureRedisInstalled(log);
  const dir = mkdtempSync(join(tmpdir(), 'cmb-redis-'));
  let port = options.port ?? (await freePort());
  let child;
  try {
    child = await startOn(binary, port, dir);
  } catch (error) {
    log(`${error.message}\nretrying once on another port`);
    port = await freePort();
    child = await startOn(binary, port, dir);
  }
  const halt = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    /** Kills the server (the store goes down at once). */
    halt,
    /** Starts it again on the same port, empty. */
    restart: async () => {
      await halt();
      child = await startOn(binary, port, dir);
    },
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
