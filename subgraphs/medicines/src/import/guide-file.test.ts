import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SILENT_PROGRESS, type ProgressSink } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { readGuideFile } from './guide-file';

const FIXTURES = join(__dirname, '../../fixtures');
const VALID = readFileSync(join(FIXTURES, 'gmr-2026-06-01.csv'), 'utf8');
const WITH_ERRORS = readFileSync(join(FIXTURES, 'gmr-with-errors.csv'), 'utf8');
const LIMITS = loadConfig({ NODE_ENV: 'test' }).guideImport;
const HEADER = 'ean13,dci,brand,form,dosage,presentation,therapeutic_class,generic,generic_group,ppv,pbr,reimbursable';
const GLUCORIL_LINE =
  '6119999000015,metformine,Glucoril,comprimé pelliculé,850 mg,Boîte de 60 comprimés pelliculés,Antidiabétiques oraux (biguanides),N,,45.00,20.50,Y';
const FICTILAB_LINE =
  '6119999000022,metformine,Metformine Fictilab,comprimé pelliculé,850 mg,Boîte de 60,Antidiabétiques oraux (biguanides),Y,6119999000015,20.50,20.50,Y';

function read(text: string, effectiveDate: string | null = null, progress: ProgressSink = SILENT_PROGRESS) {
  return readGuideFile(text, effectiveDate, LIMITS, progress);
}

/** The (line, column, problem) of each error of a verdict. */
function problems(text: string, effectiveDate: string | null = null): [number, string | null, string][] {
  const verdict = read(text, effectiveDate);
  return [...verdict.errors].sort((a, b) => a.line - b.line).map((error) => [error.line, error.column, error.problem]);
}

describe('readGuideFile: a whole guide file checked before anything is written', () => {
  it('reads the valid sample: its effective date and its seven packs, in file order', () => {
    const verdict = read(VALID);
    expect(verdict.errors).toEqual([]);
    expect(verdict.file?.effectiveDate).toBe('2026-06-01');
    expect(verdict.file?.rows.map((row) => [row.line, row.ean13])).toEqual([
      [5, '6119999000015'],
      [6, '6119999000022'],
      [7, '6119999000039'],
      [8, '6119999000053'],
      [9, '6119999000060'],
      [10, '6119999000084'],
      [11, '6119999000091'],
    ]);
    expect(verdict.file?.rows[6]).toMatchObject({
      presentation: 'Boîte de 60 comprimés pelliculés, sécables',
      princepsEan13: '6119999000015',
      pbrCentimes: 1890,
    });
  });

  it('reports every line of the sample with errors, with its line number and what it lacks', () => {
    expect(problems(WITH_ERRORS)).toEqual([
      [4, 'ean13', 'MALFORMED'],
      [5, 'pbr', 'INCONSISTENT'],
      [6, 'ppv', 'MALFORMED'],
      [7, 'dci', 'MISSING'],
      [8, 'reimbursable', 'MALFORMED'],
      [9, 'ean13', 'DUPLICATE'],
      [10, 'generic_group', 'MISSING'],
      [11, 'ppv', 'MALFORMED'],
      [12, null, 'FIELD_COUNT'],
    ]);
    const verdict = read(WITH_ERRORS);
    expect(verdict.file).toBeNull();
    expect(verdict.errors.find((error) => error.line === 9)?.expected).toBe('each EAN-13 once in the file (first on line 3)');
  });

  it.each<[string, string, string | null, [number, string | null, string][]]>([
    ['the date given beside a file without one', `${HEADER}\n${GLUCORIL_LINE}\n`, '2026-06-01', []],
    ['the same date in the file and beside it', `# effective_date: 2026-06-01\n${HEADER}\n${GLUCORIL_LINE}\n`, '2026-06-01', []],
    ['no effective date anywhere', `${HEADER}\n${GLUCORIL_LINE}\n`, null, [[1, 'effective_date', 'METADATA']]],
    [
      'two different dates',
      `# effective_date: 2026-06-01\n${HEADER}\n${GLUCORIL_LINE}\n`,
      '2026-07-01',
      [[1, 'effective_date', 'METADATA']],
    ],
    [
      'a date of the wrong form',
      `# comment\n# effective_date: 01/06/2026\n${HEADER}\n${GLUCORIL_LINE}\n`,
      null,
      [[2, 'effective_date', 'METADATA']],
    ],
    ['an impossible day', `# effective_date: 2026-02-30\n${HEADER}\n${GLUCORIL_LINE}\n`, null, [[1, 'effective_date', 'METADATA']]],
    [
      'a month that does not exist',
      `# effective_date: 2026-13-01\n${HEADER}\n${GLUCORIL_LINE}\n`,
      null,
      [[1, 'effective_date', 'METADATA']],
    ],
    ['day 00', `# effective_date: 2026-06-00\n${HEADER}\n${GLUCORIL_LINE}\n`, null, [[1, 'effective_date', 'METADATA']]],
    ['a date before AMO', `# effective_date: 1999-01-01\n${HEADER}\n${GLUCORIL_LINE}\n`, null, [[1, 'effective_date', 'METADATA']]],
    [
      'the date twice',
      `# effective_date: 2026-06-01\n# effective_date: 2026-06-01\n${HEADER}\n${GLUCORIL_LINE}\n`,
      null,
      [[2, 'effective_date', 'METADATA']],
    ],
    ['a header missing a column', `${HEADER.replace(',pbr', '')}\n`, '2026-06-01', [[1, 'pbr', 'HEADER']]],
    ['a header with an unknown column', `${HEADER},laboratory\n`, '2026-06-01', [[1, null, 'HEADER']]],
    ['a column twice', `${HEADER},dci\n`, '2026-06-01', [[1, 'dci', 'HEADER']]],
    [
      'a file separated by semicolons',
      `${HEADER.replaceAll(',', ';')}\n${GLUCORIL_LINE.replaceAll(',', ';')}\n`,
      '2026-06-01',
      [[1, null, 'HEADER']],
    ],
    ['a header and no pack', `${HEADER}\n`, '2026-06-01', [[1, null, 'MISSING']]],
    ['an empty file', '', '2026-06-01', [[1, null, 'HEADER']]],
    ['only comments', '# effective_date: 2026-06-01\n# nothing else\n', null, [[3, null, 'HEADER']]],
    ['a quote never closed', `${HEADER}\n${GLUCORIL_LINE}\n6119999000022,"metformine,x\n`, '2026-06-01', [[3, null, 'CSV_SYNTAX']]],
    [
      'a comment line among the packs is a line like the others',
      `${HEADER}\n${GLUCORIL_LINE}\n# 6119999000022\n`,
      '2026-06-01',
      [[3, null, 'FIELD_COUNT']],
    ],
  ])('%s', (_label, text, given, expected) => {
    expect(problems(text, given)).toEqual(expected);
  });

  it('refuses a comment line longer than a line may be as one, whatever it holds', () => {
    // Before, such a line went to the effective date's pattern, which backtracked quadratically on it (160 kB: 38 s).
    const long = `# effective_date: a${' '.repeat(LIMITS.maxLineChars * 4)}b`;
    expect(problems(`${long}\n${HEADER}\n${GLUCORIL_LINE}\n`, '2026-06-01')).toEqual([[1, null, 'CSV_SYNTAX']]);
    const spaced = `# effective_date:${' '.repeat(LIMITS.maxLineChars - 40)}2026-06-01 `;
    expect(read(`${spaced}\n${HEADER}\n${GLUCORIL_LINE}\n`).file?.effectiveDate).toBe('2026-06-01');
  });

  it('reads CRLF lines and a byte order mark, and counts lines across a quoted cell spanning two', () => {
    const text = `\uFEFF# effective_date: 2026-06-01\r\n${HEADER}\r\n${GLUCORIL_LINE}\r\n${FICTILAB_LINE.replace('Metformine Fictilab', '"Metformine\r\nFictilab"')}\r\n6119999000016${GLUCORIL_LINE.slice(13)}\r\n`;
    expect(problems(text)).toEqual([
      [4, 'brand', 'MALFORMED'],
      [6, 'ean13', 'MALFORMED'],
    ]);
  });

  it('ignores blank lines and spaces around cells', () => {
    const verdict = read(`\n# effective_date: 2026-06-01\n\n${HEADER}\n\n ${GLUCORIL_LINE.replace(',45.00,', ', 45.00 ,')}\n\n`);
    expect(verdict.errors).toEqual([]);
    expect(verdict.file?.rows.map((row) => [row.line, row.publicPriceCentimes])).toEqual([[6, 4500]]);
  });

  it('refuses a file of more packs than allowed with the first line past the limit, and one of more bytes at once', () => {
    const small = { ...LIMITS, maxRows: 2, maxFileBytes: 10_000 };
    const four = `${HEADER}\n${GLUCORIL_LINE}\n${FICTILAB_LINE}\n${GLUCORIL_LINE.replace('6119999000015', '6119999000039')}\nbad\n`;
    const tooLarge = readGuideFile(four, '2026-06-01', small, SILENT_PROGRESS);
    expect(tooLarge.file).toBeNull();
    expect(tooLarge.errors).toEqual([{ line: 4, column: null, problem: 'TOO_LARGE', expected: 'at most 2 packs in one file' }]);
    expect(() => readGuideFile(`${HEADER}\n${GLUCORIL_LINE}\n`.padEnd(10_001, '\n'), '2026-06-01', small, SILENT_PROGRESS)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ reason: 'REQUEST_TOO_LARGE' }) }),
    );
    expect(read(`${HEADER}\n${GLUCORIL_LINE}\n${FICTILAB_LINE}\n`, '2026-06-01').errors).toEqual([]);
  });

  it('counts every error of a file of garbage but keeps the first thousand', () => {
    const garbage = `${HEADER}\n${Array.from({ length: 600 }, () => GLUCORIL_LINE.replace(',45.00,20.50,', ',x,y,')).join('\n')}\n`;
    const verdict = read(garbage, '2026-06-01');
    expect(verdict.collected.count).toBe(600 * 2 + 599);
    expect(verdict.errors).toHaveLength(1000);
    expect(verdict.errors[0]).toMatchObject({ line: 2, column: 'ppv', problem: 'MALFORMED' });
  });

  it('refuses a line longer than allowed as a CSV error of its line', () => {
    const long = `${HEADER}\n${GLUCORIL_LINE}\n${GLUCORIL_LINE.replace('Glucoril', 'G'.repeat(5_000))}\n`;
    expect(problems(long, '2026-06-01')).toContainEqual([3, null, 'CSV_SYNTAX']);
  });

  it('reports its progress in rows', () => {
    const steps: [string, number | null][] = [];
    let done = 0;
    read(VALID, null, { step: (label, total) => steps.push([label, total]), advance: (count) => (done += count), end: () => undefined });
    expect(steps).toEqual([
      ['read the file', null],
      ['check the rows', 7],
    ]);
    expect(done).toBe(14);
  });
});
