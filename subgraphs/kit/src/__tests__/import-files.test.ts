import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { rowsPerStatement, MAX_STATEMENT_PARAMETERS, insertRowsInBatches, deleteKeysInBatches } from '../data/batched-statements';
import {
  fileRefused,
  lineErrorsOf,
  describeLineError,
  LineErrorCollector,
  MAX_REPORTED_LINE_ERRORS,
  type LineError,
} from '../imports/line-error';
import { readImportFile, runImportCommand, type ImportTarget } from '../imports/import-cli';

const error = (line: number): LineError => ({ line, column: 'active_from', problem: 'MALFORMED', expected: 'YYYY-MM-DD' });

describe('batched statements', () => {
  it.each([
    { width: 11, rows: 2727 },
    { width: 6, rows: 5000 },
    { width: 1, rows: MAX_STATEMENT_PARAMETERS },
  ])('binds at most the parameters both engines take: $width columns → $rows rows', ({ width, rows }) => {
    expect(rowsPerStatement(width)).toBe(rows);
    expect(rowsPerStatement(width) * width).toBeLessThanOrEqual(32_766);
  });

  it('writes rows in as few statements as the limits allow, with numbered placeholders on PostgreSQL', async () => {
    const statements: { sql: string; parameters: unknown[] }[] = [];
    const runner = { query: async (sql: string, parameters: unknown[] = []) => void statements.push({ sql, parameters }) };
    const rows = Array.from({ length: 10_001 }, (_, i) => [`ZZP${i}`, i, true] as const);
    await insertRowsInBatches(runner, 'postgres', {
      table: 'provider',
      columns: ['inpe', 'rank', 'open'],
      rows,
      onConflict: { key: ['inpe'], update: ['rank'] },
    });
    expect(statements).toHaveLength(2);
    expect(statements[0]?.parameters).toHaveLength(30_000);
    expect(statements[1]?.sql).toBe(
      'INSERT INTO "provider" ("inpe", "rank", "open") VALUES ($1, $2, $3) ON CONFLICT ("inpe") DO UPDATE SET "rank" = excluded."rank"',
    );
    await deleteKeysInBatches(runner, 'sqlite', 'provider', 'inpe', ['a', 'b']);
    expect(statements[2]).toEqual({ sql: 'DELETE FROM "provider" WHERE "inpe" IN (?, ?)', parameters: ['a', 'b'] });
  });

  it('sends one array per column on PostgreSQL when the column types are given', async () => {
    const statements: { sql: string; parameters: unknown[] }[] = [];
    const runner = { query: async (sql: string, parameters: unknown[] = []) => void statements.push({ sql, parameters }) };
    const rows = Array.from({ length: 10_001 }, (_, i) => [`ZZP${i}`, i === 0 ? null : '2026-03-06'] as const);
    await insertRowsInBatches(runner, 'postgres', {
      table: 'provider',
      columns: ['inpe', 'active_until'],
      postgresTypes: ['varchar', 'date'],
      rows,
    });
    expect(statements).toHaveLength(2);
    expect(statements[0]?.sql).toBe('INSERT INTO "provider" ("inpe", "active_until") SELECT * FROM unnest($1::varchar[], $2::date[])');
    expect(statements[0]?.parameters).toHaveLength(2);
    expect((statements[0]?.parameters[1] as unknown[])[0]).toBeNull();
    expect(statements[1]?.parameters).toEqual([['ZZP10000'], ['2026-03-06']]);
    await insertRowsInBatches(runner, 'sqlite', { table: 'provider', columns: ['inpe'], postgresTypes: ['varchar'], rows: [['a']] });
    expect(statements[2]?.sql).toBe('INSERT INTO "provider" ("inpe") VALUES (?)');
  });

  it('refuses an identifier that is not plain', async () => {
    const runner = { query: async () => undefined };
    await expect(insertRowsInBatches(runner, 'sqlite', { table: 'p"; DROP', columns: ['a'], rows: [['x']] })).rejects.toThrow(/identifier/);
  });
});

describe('fileRefused', () => {
  it('carries the first line errors in line order, their total, and a message naming no value', () => {
    const errors = Array.from({ length: 150 }, (_, i) => error(150 - i + 2));
    const refused = fileRefused(errors, { language: 'en' });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_FILE_REFUSED', lineErrorCount: 150 });
    const { errors: reported, total } = lineErrorsOf(refused);
    expect(reported).toHaveLength(MAX_REPORTED_LINE_ERRORS);
    expect(reported[0]?.line).toBe(3);
    expect(total).toBe(150);
    expect(refused.message).toBe(
      'File refused, nothing was loaded: 150 error(s), the first on line 3. Each error (line, column, expected form) is in extensions.lineErrors.',
    );
    expect(describeLineError(error(7))).toBe('line 7, active_from: MALFORMED, expected YYYY-MM-DD');
  });
});

describe('LineErrorCollector', () => {
  it('counts every error, keeps the first ones and those of line 1, and gives them by line', () => {
    const collector = new LineErrorCollector(3);
    collector.add(error(4), error(5), error(6), error(7), error(8));
    collector.add({ ...error(1), column: 'rows' });
    expect(collector.count).toBe(6);
    expect(collector.errors.map((e) => e.line)).toEqual([1, 4, 5, 6]);
    const refused = fileRefused(collector, { max: 2 });
    expect(refused.extensions).toMatchObject({ lineErrorCount: 6, lineErrors: [{ line: 1 }, { line: 4 }] });
  });
});

describe('the import command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmb-import-cli-'));
  const file = join(dir, 'registry.csv');
  writeFileSync(file, '\ufeff#INPE;extracted_on=2026-03-06;rows=1\n');
  const latin1 = join(dir, 'latin1.csv');
  writeFileSync(latin1, Buffer.from([0x23, 0x49, 0xe9, 0x0a]));
  const output = { out: '', err: '' };
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => ((output.out += String(text)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((text) => ((output.err += String(text)), true));
  const closed: string[] = [];
  const target = (importText: ImportTarget['importText']): ImportTarget => ({
    importText,
    rollback: async () => ['rolled back'],
    close: async () => void closed.push('closed'),
  });
  const command = (importText: ImportTarget['importText']) => ({
    name: 'inpe',
    description: 'Loads the registry',
    layout: 'README',
    maxFileBytes: 1024,
    open: async () => target(importText),
  });
  const run = (importText: ImportTarget['importText'], ...args: string[]) =>
    runImportCommand(command(importText), ['node', 'import-cli.js', ...args]);

  afterEach(() => {
    output.out = '';
    output.err = '';
  });
  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 printing what the import says, the file read as UTF-8 without its byte-order mark', async () => {
    const code = await run(async (text) => [`read ${text.split('\n')[0]}`], file);
    expect(code).toBe(0);
    expect(output.out).toBe('read #INPE;extracted_on=2026-03-06;rows=1\n');
    expect(closed).toContain('closed');
  });

  it('exits 1 printing the line errors of a refused file', async () => {
    const code = await run(async () => {
      throw fileRefused([error(4), error(9)]);
    }, file);
    expect(code).toBe(1);
    expect(output.err).toContain('File refused, nothing was loaded: 2 error(s), the first on line 4.');
    expect(output.err).toContain('  line 9, active_from: MALFORMED, expected YYYY-MM-DD\n');
  });

  it.each([
    { why: 'no file and no --rollback', args: [] },
    { why: 'both a file and --rollback', args: ['x.csv', '--rollback'] },
    { why: 'a file larger than allowed', args: [__filename] },
    { why: 'a file that is not UTF-8', args: [latin1] },
  ])('exits 1 on $why', async ({ args }) => {
    expect(await run(async () => ['never'], ...args)).toBe(1);
    expect(output.out).toBe('');
  });

  it('rolls back, and prints its usage with --help', async () => {
    expect(await run(async () => [], '--rollback')).toBe(0);
    expect(output.out).toBe('rolled back\n');
    output.out = '';
    expect(await run(async () => [], '--help')).toBe(0);
    expect(output.out).toContain('--rollback');
    expect(output.out).toContain('File layout: README');
  });

  it('reads a file within its size', async () => {
    await expect(readImportFile(file, 10)).rejects.toThrow(/more than the 10 allowed/);
  });
});
