// `npm run seed -- --persons N [--seed S] [--reset]`: loads the synthetic
// dataset of every subgraph (SQLite files under ./data, or PostgreSQL with PG_URL).
// The seeds run in parallel; their progress goes to stderr, drawn together
// (bars on a terminal, lines elsewhere, CMB_PROGRESS), and stdout keeps the summary.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createProgressBoard } from '@cmb/kit/dist/progress/index.js';
import { ensurePostgresDatabases, ROOT, seedAll } from './lib/federation.mjs';
import { assertProjectRuntime } from './lib/runtime.mjs';

// A development tool on synthetic data: any NODE_ENV but development or test is production, which refuses the development keys.
process.env.NODE_ENV ??= 'development';

assertProjectRuntime();
const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});
const persons = Number(values.persons);
if (!Number.isInteger(persons) || persons < 0) {
  console.error('--persons must be a whole number');
  process.exit(2);
}
const postgresUrl = process.env.PG_URL;
if (postgresUrl) await ensurePostgresDatabases(postgresUrl);
const progress = createProgressBoard();
const { milliseconds, outputs } = await seedAll(
  { dataDir: join(ROOT, 'data'), postgresUrl },
  { persons, seed: values.seed, reset: values.reset, quiet: true, progress },
).finally(() => progress.end());
for (const line of outputs) console.log(line.trim());
console.log(
  `seeded ${persons} persons plus the personas in ${(milliseconds / 1000).toFixed(1)} s (${postgresUrl ? 'PostgreSQL' : 'SQLite'})`,
);
