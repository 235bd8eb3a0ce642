import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureK6, K6_VERSION } from '../../scripts/lib/k6.mjs';
import { ROOT } from '../../scripts/lib/federation.mjs';
import { E2E_PERSONS } from '../support/federation-global-setup';

/** A first `go install` of k6 on a fresh machine takes about 90 s here; allow for a slow one. */
const K6_BUILD_TIMEOUT_MS = 600_000;
/** The smoke runs about 20 s, plus setup and the summary. */
const SMOKE_TIMEOUT_MS = 120_000;
/** Generous p95 bound: a shared, noisy 2-core machine runs the federation and k6 together. */
const SMOKE_P95_MS = 1_000;
/** At 2-5 VUs for 20 s even a slow machine answers this many checks. */
const MIN_REQUESTS = 300;

/** Variables the k6 script reads (load-tests/README.md); the run-k6 wrapper sets the token ones. */
const SCRIPT_VARIABLES = [
  'SCENARIO',
  'GATEWAY_URL',
  'PERSONS',
  'P95_MS',
  'SUMMARY_PATH',
  'RATE',
  'DURATION',
  'VUS',
  'MAX_VUS',
  'TOKEN_URL',
  'AUTH_CLIENTS',
];

interface RateValues {
  rate: number;
  passes: number;
  fails: number;
}
interface K6Summary {
  metrics: Record<string, { values: Record<string, number> & Partial<RateValues> }>;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('k6 smoke of the eligibility hot path', () => {
  let workDir = '';

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'cmb-k6-smoke-'));
    try {
      ensureK6();
    } catch (error) {
      throw new Error(
        `the k6 smoke guard needs k6 ${K6_VERSION}, built once with the Go toolchain (go install go.k6.io/k6@${K6_VERSION}) ` +
          `and access to the Go module proxy: install Go 1.25+ from https://go.dev/dl (k6 ${K6_VERSION}'s go.mod asks go 1.25; ` +
          `Debian bookworm's golang package is 1.19, too old; Go 1.21+ fetches the 1.25 toolchain itself when GOTOOLCHAIN=auto) and run again.\n` +
          `${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }, K6_BUILD_TIMEOUT_MS);

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it(
    "answers every check without GraphQL errors, with the personas' outcomes, within the p95 bound",
    async () => {
      const summaryPath = join(workDir, 'summary.json');
      // Only this test's settings reach the script (k6 also reads the shell's variables)...
      // ...and each check uses its client's own token from this run's identity provider.
      const env = {
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !SCRIPT_VARIABLES.includes(name))),
        AUTH_ISSUER: inject('issuer'),
      };
      const { code, output } = await run(
        process.execPath,
        [
          join(ROOT, 'load-tests/run-k6.mjs'),
          'smoke',
          '--url',
          inject('gatewayUrl'),
          '--persons',
          String(E2E_PERSONS),
          '--p95-ms',
          String(SMOKE_P95_MS),
          '--summary',
          summaryPath,
          '--quiet',
        ],
        env,
      );
      expect(code, `k6 failed:\n${output.slice(-4_000)}`).toBe(0);

      const { metrics } = JSON.parse(readFileSync(summaryPath, 'utf8')) as K6Summary;
      expect(metrics.graphql_errors?.values.passes, 'responses with GraphQL errors').toBe(0);
      expect(metrics.outcome_mismatch?.values.passes, 'personas with a wrong outcome').toBe(0);
      expect(metrics.outcome_mismatch?.values.fails, 'persona checks made').toBeGreaterThan(0);
      expect(metrics.http_req_failed?.values.passes, 'failed HTTP requests').toBe(0);
      expect(metrics.checks?.values.fails, 'failed checks').toBe(0);
      expect(metrics.http_reqs?.values.count, 'requests sent').toBeGreaterThanOrEqual(MIN_REQUESTS);
      const p95 = metrics['http_req_duration{name:eligibility}']?.values['p(95)'] ?? Number.NaN;
      console.info(`k6 smoke: ${metrics.http_reqs?.values.count} requests, p95 ${p95.toFixed(1)} ms (bound ${SMOKE_P95_MS} ms)`);
    },
    SMOKE_TIMEOUT_MS,
  );
});
