import { Command, InvalidArgumentError } from 'commander';
import type { DataSource } from 'typeorm';
import { withProgress } from '../progress/create-progress';
import { labelledProgress, SILENT_PROGRESS, type ProgressSink } from '../progress/progress-sink';
import { bulkLoad, type BulkTable } from './bulk-writer';
import { openDatabase } from './data-source-factory';

/** Options every subgraph seed takes. */
export interface SeedOptions {
  /** Number of synthetic persons of the population (the personas are always added). */
  persons: number;
  /** Seed of the pseudo-random generator: same seed, same dataset. */
  seed: number;
}

/** A subgraph's seed: the tables it owns (parents first) and their rows. */
export interface SeedDefinition {
  tables: readonly string[];
  rows(options: SeedOptions): BulkTable[];
}

/** What a seed run reports. */
export interface SeedReport {
  skipped: boolean;
  rows: number;
  milliseconds: number;
}

/** True when none of the tables holds a row. */
async function isEmpty(dataSource: DataSource, tables: readonly string[]): Promise<boolean> {
  for (const table of tables) {
    const [row] = (await dataSource.query(`SELECT 1 AS present FROM "${table}" LIMIT 1`)) as unknown[];
    if (row) return false;
  }
  return true;
}

/**
 * Loads a subgraph's synthetic dataset atomically. An already seeded
 * database is left alone unless `reset` is asked, which empties the owned
 * tables in the same transaction-safe order first. Progress: a step per
 * table (rows written), then `analyze` (tables); the sink is not ended.
 */
export async function seedDatabase(
  dataSource: DataSource,
  definition: SeedDefinition,
  options: SeedOptions & { reset?: boolean },
  progress: ProgressSink = SILENT_PROGRESS,
): Promise<SeedReport> {
  const started = Date.now();
  await openDatabase(dataSource);
  if (!(await isEmpty(dataSource, definition.tables))) {
    if (!options.reset) return { skipped: true, rows: 0, milliseconds: Date.now() - started };
    await dataSource.transaction(async (manager) => {
      for (const table of [...definition.tables].reverse()) await manager.query(`DELETE FROM "${table}"`);
    });
  }
  const rows = await bulkLoad(dataSource, definition.rows(options), progress);
  progress.step('analyze', definition.tables.length);
  for (const table of definition.tables) {
    await dataSource.query(`ANALYZE "${table}"`);
    progress.advance(1);
  }
  return { skipped: false, rows, milliseconds: Date.now() - started };
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number');
  return parsed;
}

/**
 * The seed command of a subgraph (`node dist/seed/seed-cli.js --persons N`).
 * Refuses to run in production: synthetic data must never reach a real registry.
 * Its progress goes to stderr (`createProgress`: bars on a terminal, lines
 * elsewhere, `CMB_PROGRESS`); stdout keeps the one summary line.
 */
export function runSeedCli(
  name: string,
  build: () => { dataSource: DataSource; production: boolean },
  definition: SeedDefinition,
  argv: string[] = process.argv,
): void {
  seedFromCommandLine(name, build, definition, argv).catch((error: unknown) => {
    process.stderr.write(`${name} seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

async function seedFromCommandLine(
  name: string,
  build: () => { dataSource: DataSource; production: boolean },
  definition: SeedDefinition,
  argv: string[],
): Promise<void> {
  const program = new Command(`${name}-seed`)
    .description(`Loads the synthetic dataset of the ${name} subgraph (personas always included)`)
    .option('--persons <count>', 'synthetic persons to generate', positiveInteger, 10_000)
    .option('--seed <number>', 'generator seed', positiveInteger, 20260302)
    .option('--reset', 'empty the tables first when already seeded', false)
    .parse(argv);
  const options = program.opts<{ persons: number; seed: number; reset: boolean }>();
  const { dataSource, production } = build();
  if (production) throw new Error('refusing to load synthetic data in production (NODE_ENV other than development or test)');
  try {
    // Progress on stderr, ended before the summary goes to stdout.
    const report = await withProgress((progress) => seedDatabase(dataSource, definition, options, labelledProgress(progress, `seed ${name}: `)));
    const summary = report.skipped ? 'already seeded, left as is (use --reset to reload)' : `${report.rows} rows in ${(report.milliseconds / 1000).toFixed(1)} s`;
    process.stdout.write(`${name}: ${summary}\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
