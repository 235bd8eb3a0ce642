// Child processes of the federation: spawn with prefixed output, wait for
// health, stop with SIGTERM then SIGKILL after a bound.
import { spawn } from 'node:child_process';

/** Calls `onLine` for every complete line a stream writes. */
export function forEachLine(stream, onLine) {
  let pending = '';
  stream.on('data', (chunk) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}

/** Every child still running, so a signal during start-up stops them too. */
const running = new Set();

/**
 * Spawns a Node script; its output lines are prefixed with the name (or dropped when quiet).
 * `takeStderrLine(line)` may take a stderr line for itself (a progress event) by returning true: it is then neither shown nor kept.
 */
export function spawnNode(name, script, { env = {}, args = [], quiet = false, cwd, takeStderrLine } = {}) {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  const output = [];
  const relay = (stream, target, take) =>
    forEachLine(stream, (line) => {
      if (take?.(line)) return;
      output.push(line);
      if (output.length > 200) output.shift();
      if (!quiet) target.write(`[${name}] ${line}\n`);
    });
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr, takeStderrLine);
  child.recentOutput = () => output.join('\n');
  return child;
}

/** Runs a Node script to completion; rejects with its output when it fails. */
export function runNode(name, script, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawnNode(name, script, options);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(child.recentOutput()) : reject(new Error(`${name} exited with ${code}:\n${child.recentOutput()}`)),
    );
  });
}

/** Polls a URL until it answers 200, the process dies, or the time is up. */
export async function waitForHttp(url, { child, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before ${url} answered:\n${child.recentOutput?.() ?? ''}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms${child?.recentOutput ? `:\n${child.recentOutput()}` : ''}`);
}

/**
 * Stops a child with SIGTERM (graceful drain), then SIGKILL after the bound:
 * longer than a process's own drain (10 s) and the seal of the gateway's audit
 * chain after it, so a stop never cuts the seal.
 */
export function stopChild(child, { timeoutMs = 15_000, signal = 'SIGTERM' } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Stops every child this process started and that still runs (SIGTERM, then SIGKILL after the bound). */
export function stopAllChildren(options) {
  return Promise.all([...running].map((child) => stopChild(child, options)));
}
