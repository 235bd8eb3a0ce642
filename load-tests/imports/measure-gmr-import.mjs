// Times the import of a full reimbursable medicines guide (GMR) on SQLite and
// PostgreSQL: a seeded guide (the synthetic seed, three versions of ~4,600
// packs), then --runs times: import the generated next version (generate-gmr.mjs,
// 4,600 packs) and roll it back, in process, through the same service as the
// mutation and the command. Prints the wall time of each phase (median, min,
// max) and the process CPU of a whole import. Needs the compiled packages
// (npm run build); PostgreSQL is a throwaway cluster unless --pg-url is given.
//
//   node load-tests/imports/measure-gmr-import.mjs [--runs 5] [--rows 4600] [--engines sqlite,postgres] [--pg-url URL]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startPostgres } from '../../scripts/lib/postgres.mjs';
import { generateGmr } from './generate-gmr.mjs';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { seedDatabase, openDatabase } = require('../../subgraphs/kit/dist/index.js');
const { loadConfig } = require('../../subgraphs/medicines/dist/config.js');
const { medicinesDataSource } = require('../../subgraphs/medicines/dist/data-source.js');
const { medicinesServices } = require('../../subgraphs/medicines/dist/medicines-services.js');
const { medicinesSeed } = require('../../subgraphs/medicines/dist/seed/seed.js');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    rows: { type: 'string', default: '4600' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    'pg-url': { type: 'string' },
  },
});
const runs = Number(values.runs);
const rows = Number(values.rows);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs: 1 to 50');
if (!Number.isInteger(rows) || rows < 1 || rows > 20_000) throw new Error('--rows: 1 to 20000');
const engines = values.engines.split(',').filter(Boolean);

/** A progress sink that records how long each step took. */
function timingSink() {
  const steps = [];
  let current = null;
  const close = () => {
    if (current) steps.push([current.label, performance.now() - current.start]);
    current = null;
  };
  return {
    steps,
    step(label) {
      close();
      current = { label: label.replace(/GMR-[\d-]+/, 'version'), start: performance.now() };
    },
    advance() {},
    end: close,
  };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const ms = (value) => `${value.toFixed(0)} ms`;

async function databaseFor(engine, cluster) {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gmr-measure-'));
    return { config: { sqlitePath: join(dir, 'medicines.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new pg.Client({ connectionString: cluster });
  await admin.connect();
  const name = `gmr_measure_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(cluster);
  url.pathname = `/${name}`;
  return {
    config: { url: url.toString(), sqlitePath: '', poolSize: 5 },
    drop: async () => {
      const client = new pg.Client({ connectionString: cluster });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

async function measure(engine, csv, cluster) {
  const database = await databaseFor(engine, cluster);
  const config = { ...loadConfig({ NODE_ENV: 'test' }), database: database.config };
  const dataSource = medicinesDataSource(database.config);
  try {
    await seedDatabase(dataSource, medicinesSeed, { persons: 0, seed: 20260302 });
    await openDatabase(dataSource);
    const services = medicinesServices(config, dataSource, dataSource);
    const samples = { import: [], rollback: [], cpu: [], steps: new Map() };
    let outcome;
    for (let run = 0; run <= runs; run += 1) {
      const sink = timingSink();
      const cpu = process.cpuUsage();
      const started = performance.now();
      outcome = await services.guideImports.importGuide({ csv, effectiveDate: null, importedBy: 'measure' }, sink);
      const took = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const rollbackStarted = performance.now();
      await services.guideImports.rollback(outcome.version.versionId);
      const rolledBack = performance.now() - rollbackStarted;
      if (run === 0) continue; // the first run warms the JIT and the caches
      samples.import.push(took);
      samples.rollback.push(rolledBack);
      samples.cpu.push((used.user + used.system) / 1000);
      for (const [label, duration] of sink.steps) samples.steps.set(label, [...(samples.steps.get(label) ?? []), duration]);
    }
    return { engine, samples, version: outcome.version };
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  }
}

const csv = generateGmr({ rows });
process.stderr.write(`generated GMR: ${rows} packs, ${Buffer.byteLength(csv)} bytes\n`);
let cluster = values['pg-url'] ?? null;
let stopCluster = () => undefined;
if (engines.includes('postgres') && !cluster) {
  const started = await startPostgres({ log: (line) => process.stderr.write(`${line}\n`) });
  cluster = started.url;
  stopCluster = started.stop;
}
try {
  for (const engine of engines) {
    const { samples, version } = await measure(engine, csv, cluster);
    const line = (label, list) =>
      `  ${label.padEnd(34)} median ${ms(median(list)).padStart(8)}   min ${ms(Math.min(...list)).padStart(8)}   max ${ms(Math.max(...list)).padStart(8)}`;
    console.log(
      `${engine}: ${version.medicineCount} packs, ${version.addedCount} added, ${version.changedCount} changed, ${version.withdrawnCount} withdrawn; ${runs} runs after one warm-up`,
    );
    console.log(line('import (check, diff, write)', samples.import));
    for (const [label, list] of samples.steps) console.log(line(`  ${label}`, list));
    console.log(line('import, process CPU', samples.cpu));
    console.log(line('rollback', samples.rollback));
  }
} finally {
  stopCluster();
}
