import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seedDatabase } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingProgress } from '../../../../test/support/recording-progress';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { beneficiariesDataSource } from '../data-source';
import { beneficiariesSeed } from '../seed/seed';

/** The compiled seed command, as `npm run seed` runs it (build first). */
const SEED_CLI = fileURLToPath(new URL('../../dist/seed/seed-cli.js', import.meta.url));

/** A step's final line: label, counts, an optional rate, the elapsed time. */
const FINAL_LINE = /^seed beneficiaries: (person|affiliation|analyze) (\d+)\/(\d+) \(100%\)( \S+\/s)? in \d/;
/** Any progress line: a label, then counts, then rate and time (no row content). */
const ANY_LINE = /^seed beneficiaries: (person|affiliation|analyze) \d+\/\d+ \(\d+%\)( \S+\/s)?(, .+ left| in .+)?$/;

function runSeed(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // stdout and stderr are pipes, as in CI or a log: not a terminal.
    const child = spawn(process.execPath, [SEED_CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(ENGINES)("the seed's progress on %s", (engine) => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'beneficiaries_seed_progress');
    const store = database.config.url ? { DATABASE_URL: database.config.url } : { SQLITE_PATH: database.config.sqlitePath };
    env = { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...store };
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('tells each step, its expected rows and the rows written, in batches', async () => {
    const dataSource = beneficiariesDataSource(database.config);
    const progress = recordingProgress();
    try {
      const report = await seedDatabase(dataSource, beneficiariesSeed, { persons: 300, seed: 7 }, progress);
      expect(progress.steps.map(({ label }) => label)).toEqual(['person', 'affiliation', 'analyze']);
      const [person, affiliation, analyze] = progress.steps;
      // Every generated person and affiliation, plus the personas' (a few dozen): the totals were known beforehand.
      expect(person.total).toBeGreaterThan(300);
      expect(person.done).toBe(person.total);
      expect(affiliation.done).toBe(affiliation.total);
      expect(analyze).toEqual({ label: 'analyze', total: 5, done: 5 });
      expect(report.rows).toBe(person.done + affiliation.done);
      expect(progress.ends).toBe(0);
    } finally {
      await dataSource.destroy();
    }
  });

  it('prints one final line per step on stderr off a terminal, and leaves stdout its one summary line', async () => {
    const run = await runSeed(env, '--persons', '2000', '--reset');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^beneficiaries: \d+ rows in \d+\.\d s\n$/);
    const lines = run.stderr.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(ANY_LINE);
    const finals = lines.filter((line) => FINAL_LINE.test(line));
    expect(finals.map((line) => line.split(' ')[2])).toEqual(['person', 'affiliation', 'analyze']);
    expect(finals[0]).toMatch(/^seed beneficiaries: person 20\d\d\/20\d\d \(100%\)/);
    const summaryRows = Number(/(\d+) rows/.exec(run.stdout)?.[1]);
    const [person, affiliation] = finals.map((line) => Number(FINAL_LINE.exec(line)?.[2]));
    expect(person + affiliation).toBe(summaryRows);
  });

  it('shows nothing with CMB_PROGRESS=off, and bars when asked even off a terminal', async () => {
    const off = await runSeed({ ...env, CMB_PROGRESS: 'off' }, '--persons', '100', '--reset');
    expect(off.code, off.stderr).toBe(0);
    expect(off.stderr).toBe('');
    expect(off.stdout).toMatch(/^beneficiaries: \d+ rows in/);
    const bars = await runSeed({ ...env, CMB_PROGRESS: 'bars' }, '--persons', '100', '--reset');
    expect(bars.code, bars.stderr).toBe(0);
    expect(bars.stderr).toContain('seed beneficiaries: person 1');
    expect(bars.stdout).toMatch(/^beneficiaries: \d+ rows in \d+\.\d s\n$/);
  });
});
