// The frame of a load-test command (`npm run bench`, `npm run profile`): its
// options read (usage on a mistake, exit 2), the project's runtime checked,
// the build and the composed supergraph made sure of, k6 found, every
// process it started stopped at the end whatever happens.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildAndCompose } from '../../scripts/lib/build.mjs';
import { ROOT } from '../../scripts/lib/federation.mjs';
import { ensureK6 } from '../../scripts/lib/k6.mjs';
import { assertProjectRuntime } from '../../scripts/lib/runtime.mjs';
import { cleanupAll, installSignalHandlers } from './cleanup.mjs';
import { describeRun } from './results.mjs';

/**
 * Runs a load-test command: `readOptions()` parses argv (throwing on a
 * mistake), `run(options, { k6, info })` does the work. Sets the exit code:
 * 2 for a mistake in the options, 1 when the run failed (`<name> failed: ...`).
 */
export async function runLoadCommand({ name, usage, readOptions, run, log }) {
  assertProjectRuntime();
  let options;
  try {
    options = readOptions();
  } catch (error) {
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(usage);
    return;
  }
  installSignalHandlers(log);
  try {
    if (options.build) buildAndCompose({ log });
    for (const path of ['gateway/dist/index.js', 'gateway/supergraph/supergraph.graphql']) {
      if (!existsSync(join(ROOT, path))) throw new Error(`${path} is missing: run npm run build && npm run compose (or drop --no-build)`);
    }
    const k6 = ensureK6({ log });
    await run(options, { k6, info: describeRun(k6) });
  } catch (error) {
    console.error(`\n${name} failed: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await cleanupAll(log);
  }
}
