// `npm run import -- <registry> FILE` (or `--rollback`, `--help`): loads a new
// version of a national reference registry ANAM shares into the subgraph that
// keeps its copy, in that subgraph's database (the same one `npm start` and
// `npm run seed` use: SQLite under ./data, or PostgreSQL with PG_URL or
// DATABASE_URL). Each registry's command has the same contract: exit 0
// printing the version and its counts, exit 1 with the line errors of a
// refused file (nothing loaded).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { databaseEnv, ROOT } from './lib/federation.mjs';
import { assertProjectRuntime } from './lib/runtime.mjs';

/** The registries: the subgraph that keeps each copy and its compiled command. */
const REGISTRIES = {
  inpe: {
    subgraph: 'providers',
    what: "ANAM's INPE registry of professionals and establishments",
    cli: 'subgraphs/providers/dist/import/import-cli.js',
  },
  gmr: { subgraph: 'medicines', what: 'the guide of reimbursable medicines (GMR)', cli: 'subgraphs/medicines/dist/import/import-cli.js' },
};

function usage() {
  const lines = Object.entries(REGISTRIES).map(([name, r]) => `  ${name.padEnd(5)} ${r.what} (subgraph ${r.subgraph})`);
  return [
    'usage: npm run import -- <registry> FILE      load FILE as a new version',
    '       npm run import -- <registry> --rollback  roll the version in force back',
    '       npm run import -- <registry> --help',
    'registries:',
    ...lines,
    'Database: SQLite under ./data unless PG_URL (a server with the cmb_<subgraph> databases) or DATABASE_URL is set.',
  ].join('\n');
}

// An import is an operator's act on the copy the subgraph serves; NODE_ENV defaults to development like the other scripts.
process.env.NODE_ENV ??= 'development';
assertProjectRuntime();

const [name, ...rest] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
  console.log(usage());
  process.exit(name ? 0 : 1);
}
const registry = REGISTRIES[name];
if (!registry) {
  console.error(`unknown registry ${JSON.stringify(name)}\n${usage()}`);
  process.exit(1);
}
const cli = join(ROOT, registry.cli);
if (!existsSync(cli)) {
  console.error(`${registry.cli} is missing: run npm run build first`);
  process.exit(1);
}
const storage =
  process.env.DATABASE_URL || process.env.SQLITE_PATH
    ? {}
    : databaseEnv(registry.subgraph, { dataDir: join(ROOT, 'data'), postgresUrl: process.env.PG_URL });
// Run where the user is, so a relative FILE means what they typed.
const result = spawnSync(process.execPath, [cli, ...rest], {
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: { ...process.env, ...storage },
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
