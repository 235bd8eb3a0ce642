// `npm test`: checks formatting and lint, builds and composes, then runs the
// vitest projects (unit, int against SQLite and a throwaway PostgreSQL, e2e
// over HTTP against the compiled federation), and prints one closing line
// "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAndCompose, checkStyle } from './lib/build.mjs';
import { ROOT } from './lib/federation.mjs';
import { assertProjectRuntime } from './lib/runtime.mjs';

assertProjectRuntime();
checkStyle();
buildAndCompose();
const report = join(ROOT, '.cache/vitest-report.json');
mkdirSync(join(ROOT, '.cache'), { recursive: true });
const vitest = spawnSync(
  process.execPath,
  [
    join(ROOT, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
let summary = 'vitest wrote no report';
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  summary =
    `${results.numPassedTests} passed, ${results.numFailedTests} failed` +
    (results.numPendingTests ? `, ${results.numPendingTests} skipped` : '');
  if (results.numTotalTests === 0) {
    console.error('no test ran');
    process.exitCode = 1;
  }
} catch {
  process.exitCode = 1;
}
console.log(`\ntests: ${summary}`);
process.exitCode = vitest.status === 0 ? (process.exitCode ?? 0) : (vitest.status ?? 1);
