// Runs the benchmark's k6 script once against one contestant and reads back
// its JSON summary: requests, rate, latency percentiles, errors.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../scripts/lib/postgres.mjs';

const SCRIPT = join(import.meta.dirname, '../k6/eligibility-bench.js');

/** The k6 process running now and its directory, so a Ctrl-C can stop it and clean up. */
let current = null;
let currentDir = null;

/** Stops the k6 run in progress, if any, and removes its directory. */
export function stopK6() {
  if (current && current.exitCode === null && current.signalCode === null) current.kill('SIGKILL');
  if (currentDir) rmSync(currentDir, { recursive: true, force: true });
}

function metric(summary, name, stat) {
  return summary.metrics?.[name]?.values?.[stat] ?? 0;
}

/**
 * One k6 run. `executor` is `closed` (fixed VUs, saturation) or `rate`
 * (constant arrival rate, latency). Resolves with the figures; rejects when
 * k6 fails or writes no summary.
 */
export async function runK6({ k6, url, queryKind, workloadPath, executor, vus, rate, duration, headers = {}, signedRequestsPath }) {
  const dir = mkdtempSync(join(tmpdir(), 'cmb-bench-k6-'));
  currentDir = dir;
  const summaryPath = join(dir, 'summary.json');
  // The REST API of k6 on its own free loopback port: parallel k6 runs by others must not collide on 6565.
  const address = `127.0.0.1:${await freePort()}`;
  const env = {
    ...process.env,
    K6_NO_USAGE_REPORT: 'true',
    BENCH_URL: url,
    BENCH_QUERY: queryKind,
    BENCH_WORKLOAD: workloadPath,
    BENCH_EXECUTOR: executor,
    BENCH_VUS: String(vus ?? 1),
    BENCH_RATE: String(rate ?? 1),
    BENCH_DURATION: `${duration}s`,
    BENCH_HEADERS: JSON.stringify(headers),
    BENCH_SIGNED_REQUESTS: signedRequestsPath ?? '',
    BENCH_SUMMARY: summaryPath,
  };
  try {
    const output = [];
    const code = await new Promise((resolve, reject) => {
      current = spawn(k6, ['run', '--quiet', '--no-color', '--no-usage-report', '--address', address, SCRIPT], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (chunk) => {
        output.push(chunk.toString());
        if (output.length > 200) output.shift();
      };
      current.stdout.on('data', keep);
      current.stderr.on('data', keep);
      current.on('error', reject);
      current.on('exit', (exitCode, signal) => resolve(exitCode ?? signal));
    });
    current = null;
    let summary;
    try {
      summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
    } catch {
      throw new Error(`k6 exited with ${code} and wrote no summary:\n${output.join('').slice(-4000)}`);
    }
    if (code !== 0) throw new Error(`k6 exited with ${code}:\n${output.join('').slice(-4000)}`);
    const requests = metric(summary, 'http_reqs', 'count');
    const errorKinds = Object.fromEntries(
      Object.keys(summary.metrics ?? {})
        .filter((name) => name.startsWith('bench_error_') && metric(summary, name, 'count') > 0)
        .map((name) => [name.slice('bench_error_'.length), metric(summary, name, 'count')]),
    );
    return {
      requests,
      rps: metric(summary, 'http_reqs', 'rate'),
      p50: metric(summary, 'http_req_duration', 'med'),
      p95: metric(summary, 'http_req_duration', 'p(95)'),
      p99: metric(summary, 'http_req_duration', 'p(99)'),
      errors: metric(summary, 'bench_errors', 'count'),
      errorKinds,
      dropped: metric(summary, 'dropped_iterations', 'count'),
      seconds: (summary.state?.testRunDurationMs ?? duration * 1000) / 1000,
    };
  } finally {
    current = null;
    currentDir = null;
    rmSync(dir, { recursive: true, force: true });
  }
}
