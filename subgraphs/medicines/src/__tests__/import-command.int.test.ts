import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { loadCliConfig, type MedicinesConfig } from '../config';
import { medicinesDataSource } from '../data-source';
import { runGuideImportCommand } from '../import/import-command';
import { medicinesSeed } from '../seed/seed';

const FIXTURES = join(__dirname, '../../fixtures');
const SCRATCH = mkdtempSync(join(tmpdir(), 'gmr-import-cli-'));
/** The valid sample saved as Latin-1, as a spreadsheet might export it. */
const LATIN1_FILE = join(SCRATCH, 'gmr-latin1.csv');
writeFileSync(LATIN1_FILE, Buffer.from(readFileSync(join(FIXTURES, 'gmr-2026-06-01.csv'), 'utf8'), 'latin1'));

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe.each(ENGINES)('the medicines guide import command on %s', (engine) => {
  let database: TestDatabase;
  let config: MedicinesConfig;

  /** Runs the command as `node dist/import/import-cli.js ...` would, capturing what it prints. */
  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runGuideImportCommand(argv, config, { out: (text) => (out += text), err: (text) => (err += text) });
    return { code, out, err };
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'medicines_import_cli');
    // NODE_ENV unset: the command defaults to development, as the project's other scripts do.
    config = { ...loadCliConfig({}), database: database.config };
    const dataSource = medicinesDataSource(database.config);
    await seedDatabase(dataSource, medicinesSeed, { persons: 300, seed: 7 });
    await dataSource.destroy();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('reads the same configuration as the other scripts: development unless told otherwise', () => {
    expect(loadCliConfig({}).production).toBe(false);
    expect(loadCliConfig({ NODE_ENV: 'test' }).production).toBe(false);
  });

  it('prints its usage with --help and exits 0', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--effective-date <date>/);
    expect(help.out).toMatch(/--rollback \[versionId\]/);
  });

  it('exits 1 with the line errors of a refused file', async () => {
    const refused = await run(join(FIXTURES, 'gmr-with-errors.csv'));
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/^File refused, nothing was loaded: 9 error\(s\), the first on line 4/);
    expect(refused.err).toContain('  line 4, ean13: MALFORMED, expected an EAN-13 whose last digit is the check digit of the first 12\n');
    expect(refused.err).toContain('  line 12: FIELD_COUNT, expected 12 cells');
  });

  it.each([
    ['no file', [] as string[], /a GMR file to import, or --rollback/],
    ['a file that does not exist', [join(FIXTURES, 'missing.csv')], /ENOENT/],
    ['a file that is not UTF-8', [LATIN1_FILE], /not UTF-8/],
    [
      'a malformed --effective-date',
      [join(FIXTURES, 'gmr-2026-06-01.csv'), '--effective-date', '2026-13-01'],
      /expected a date YYYY-MM-DD/,
    ],
    [
      'an --effective-date that disagrees with the file',
      [join(FIXTURES, 'gmr-2026-06-01.csv'), '--effective-date', '2026-07-01'],
      /line 1, effective_date: METADATA, expected the same effective date in the file and beside it/,
    ],
    ['a file with --rollback', [join(FIXTURES, 'gmr-2026-06-01.csv'), '--rollback'], /--rollback takes no file/],
  ])('exits 1 for %s', async (_label, argv, message) => {
    const failed = await run(...argv);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(message);
  });

  it('imports a valid file, printing the version and its counts; the same file again changes nothing', async () => {
    const imported = await run(join(FIXTURES, 'gmr-2026-06-01.csv'));
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(
      /^imported GMR-2026-06-01 \(effective 2026-06-01\): 7 packs, 1 added, 3 changed, \d+ withdrawn in \d+\.\d+ s\n$/,
    );
    const again = await run(join(FIXTURES, 'gmr-2026-06-01.csv'), '--effective-date', '2026-06-01');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^already loaded, nothing changed: GMR-2026-06-01/);
  });

  it('rolls the latest version back, then refuses to roll back a version no import loaded', async () => {
    const rolledBack = await run('--rollback', 'GMR-2026-06-01');
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.out).toBe(
      `rolled back GMR-2026-06-01 (effective 2026-06-01): 7 packs, 1 added, 3 changed, ${/(\d+) withdrawn/.exec(rolledBack.out)?.[1]} withdrawn\n` +
        `latest version now GMR-2026-03 (effective 2026-03-01): ${/GMR-2026-03 \(effective 2026-03-01\): (\d+) packs/.exec(rolledBack.out)?.[1]} packs\n`,
    );
    const refused = await run('--rollback');
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('Rollback refused: version GMR-2026-03 was not loaded by an import; no earlier state is kept to return to.\n');
  });
});
