import { appError, isIsoDate, LineErrorCollector, type LineError, type ProgressSink } from '@cmb/kit';
import type { GuideImportLimits } from '../config';
import { duplicateCodeErrors, genericGroupErrors } from '../rules/guide-file-checks';
import { EFFECTIVE_DATE_KEY } from '../rules/guide-file-layout';
import { checkGuideRow, type GuideRow } from '../rules/guide-row';
import { readGuideCsv } from './guide-csv';

/** A guide file that passed every check: the version's effective date and its packs in file order. */
export interface GuideFile {
  effectiveDate: string;
  rows: GuideRow[];
}

/**
 * A file's verdict: the checked file (no error), or the line errors found:
 * all counted, the first thousand kept (a file of garbage never fills the
 * memory with its errors), by line.
 */
export interface GuideFileVerdict {
  file: GuideFile | null;
  /** The errors kept, by line. */
  errors: LineError[];
  /** Every error counted and the first kept, for the refusal. */
  collected: LineErrorCollector;
}

/** Rows checked between two progress reports. */
const PROGRESS_EVERY = 500;

/**
 * The effective date of the version: the file's `# effective_date:` line,
 * or the one given beside the file (command line, mutation input); both
 * given must agree. A problem is a line error of the comment line (line 1
 * when the file has none).
 */
function effectiveDateOf(
  written: { line: number; value: string } | null,
  given: string | null,
  range: GuideImportLimits['effectiveDate'],
): { date: string | null; errors: LineError[] } {
  const line = written?.line ?? 1;
  const refuse = (expected: string) => ({
    date: null,
    errors: [{ line, column: EFFECTIVE_DATE_KEY, problem: 'METADATA' as const, expected }],
  });
  if (!written && !given) return refuse(`a first line "# ${EFFECTIVE_DATE_KEY}: YYYY-MM-DD", or the date given with the file`);
  if (written && !isIsoDate(written.value)) return refuse('a date written YYYY-MM-DD');
  const date = written?.value ?? given ?? '';
  if (written && given && written.value !== given) return refuse('the same effective date in the file and beside it');
  if (date < range.min || date > range.max) return refuse(`a date from ${range.min} to ${range.max}`);
  return { date, errors: [] };
}

/**
 * Reads and checks a whole guide file before anything is written: the CSV,
 * the header, every line (rules/guide-row.ts), the EAN-13 once per file, the
 * generic groups, and the effective date. A file of more bytes than allowed
 * is refused at once (`REQUEST_TOO_LARGE`), one of more packs with that one
 * line error (`TOO_LARGE`); any other problem comes back as line errors, all
 * of them.
 */
export function readGuideFile(
  text: string,
  givenEffectiveDate: string | null,
  limits: GuideImportLimits,
  progress: ProgressSink,
): GuideFileVerdict {
  if (Buffer.byteLength(text, 'utf8') > limits.maxFileBytes) throw appError('REQUEST_TOO_LARGE', { max: limits.maxFileBytes });
  progress.step('read the file', null);
  const csv = readGuideCsv(text, limits);
  progress.advance(csv.records.length);
  const errors = new LineErrorCollector();
  if (csv.tooManyRows) {
    errors.add(...csv.errors.filter((error) => error.problem === 'TOO_LARGE'));
    return { file: null, errors: errors.errors, collected: errors };
  }
  errors.add(...csv.errors);
  const effective = effectiveDateOf(csv.effectiveDate, givenEffectiveDate, limits.effectiveDate);
  errors.add(...effective.errors);

  progress.step('check the rows', csv.records.length);
  const rows: GuideRow[] = [];
  let unreported = 0;
  for (const record of csv.records) {
    const verdict = checkGuideRow(record.line, record.cells);
    if (verdict.row) rows.push(verdict.row);
    else errors.add(...verdict.errors);
    unreported += 1;
    if (unreported === PROGRESS_EVERY) {
      progress.advance(unreported);
      unreported = 0;
    }
  }
  if (unreported > 0) progress.advance(unreported);
  errors.add(...duplicateCodeErrors(csv.records.map((record) => ({ line: record.line, ean13: record.cells.ean13 }))));
  errors.add(...genericGroupErrors(rows));

  if (errors.count > 0 || effective.date === null) return { file: null, errors: errors.errors, collected: errors };
  return { file: { effectiveDate: effective.date, rows }, errors: [], collected: errors };
}
