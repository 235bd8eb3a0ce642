import type { LineError } from '@cmb/kit';
import { CsvError, parse } from 'csv-parse/sync';
import { COMMENT_MARK, EFFECTIVE_DATE_KEY, GUIDE_COLUMNS, type GuideCells, type GuideColumn } from '../rules/guide-file-layout';

/** One line of packs, its cells by column (trimmed), and the line of the file it starts on. */
export interface GuideRecord {
  line: number;
  cells: GuideCells;
}

/** A guide file read as CSV: its effective date comment, its records, and what kept lines from being read. */
export interface GuideCsv {
  /** The `# effective_date:` comment, as written, with its line; null when the file has none. */
  effectiveDate: { line: number; value: string } | null;
  records: GuideRecord[];
  /** Lines that are not well-formed CSV, or a header that does not name the columns. */
  errors: LineError[];
  /** True when the file holds more lines of packs than `maxRows` (reading stopped there; a `TOO_LARGE` error names the first line past it). */
  tooManyRows: boolean;
}

/** Bounds of reading. */
export interface CsvLimits {
  maxRows: number;
  maxLineChars: number;
}

// No lazy group before a trailing `\s*$`: that backtracks quadratically on a long line of spaces. The value is trimmed after.
const EFFECTIVE_DATE_COMMENT = new RegExp(`^${COMMENT_MARK}\\s*${EFFECTIVE_DATE_KEY}\\s*[:=](.*)$`, 'i');

/** What a line longer than `maxLineChars` is refused for. */
const LINE_TOO_LONG = 'a shorter line';

/** What the CSV parser's refusals ask for, for people. */
const SYNTAX_EXPECTED: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a closing quote for every opening quote',
  CSV_INVALID_CLOSING_QUOTE: 'a comma or the end of the line right after a closing quote',
  CSV_MAX_RECORD_SIZE: LINE_TOO_LONG,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a comma or the end of the line right after a closing quote',
};

/**
 * Where the header starts: after the leading comment and blank lines, which
 * may carry the effective date. A comment line longer than a record may be is
 * refused as one would be (csv-parse bounds the lines after these only).
 */
function leadingComments(
  text: string,
  maxLineChars: number,
): { offset: number; lines: number; effectiveDate: GuideCsv['effectiveDate']; errors: LineError[] } {
  let offset = 0;
  let line = 0;
  let effectiveDate: GuideCsv['effectiveDate'] = null;
  const errors: LineError[] = [];
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const content = (end === -1 ? text.slice(offset) : text.slice(offset, end)).trim();
    if (content !== '' && !content.startsWith(COMMENT_MARK)) break;
    line += 1;
    offset = end === -1 ? text.length : end + 1;
    if (content.length > maxLineChars) {
      errors.push({ line, column: null, problem: 'CSV_SYNTAX', expected: LINE_TOO_LONG });
      continue;
    }
    const match = EFFECTIVE_DATE_COMMENT.exec(content);
    if (match) {
      if (effectiveDate) {
        errors.push({
          line,
          column: EFFECTIVE_DATE_KEY,
          problem: 'METADATA',
          expected: `one ${EFFECTIVE_DATE_KEY} line (first on line ${effectiveDate.line})`,
        });
      } else {
        effectiveDate = { line, value: (match[1] ?? '').trim() };
      }
    }
  }
  return { offset, lines: line, effectiveDate, errors };
}

/** The header's refusals: unknown, repeated or missing columns. */
function headerErrors(header: readonly string[], line: number): LineError[] {
  // A spreadsheet saved with semicolons (a French locale's default): one cell holding every name.
  if (header.length === 1 && (header[0] ?? '').includes(';')) {
    return [
      {
        line,
        column: null,
        problem: 'HEADER',
        expected: 'comma-separated columns: the file looks separated by semicolons (save it as CSV with commas)',
      },
    ];
  }
  const errors: LineError[] = [];
  const known = new Set<string>(GUIDE_COLUMNS);
  const seen = new Set<string>();
  for (const name of header) {
    if (!known.has(name)) errors.push({ line, column: null, problem: 'HEADER', expected: `only the columns ${GUIDE_COLUMNS.join(', ')}` });
    else if (seen.has(name)) errors.push({ line, column: name, problem: 'HEADER', expected: 'each column once in the header' });
    seen.add(name);
  }
  for (const column of GUIDE_COLUMNS) {
    if (!seen.has(column)) errors.push({ line, column, problem: 'HEADER', expected: `a header naming the column ${column}` });
  }
  return errors;
}

/**
 * Reads a guide file as CSV (RFC 4180, comma, UTF-8, with or without a byte
 * order mark, LF or CRLF) with csv-parse: the leading comment lines, the
 * header, then one record per pack with the line it starts on. A malformed
 * line is reported and reading goes on, so one answer lists every line to
 * fix. Nothing is checked here beyond the CSV itself and the header.
 */
export function readGuideCsv(raw: string, limits: CsvLimits): GuideCsv {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lead = leadingComments(text, limits.maxLineChars);
  const errors: LineError[] = [...lead.errors];
  const body = text.slice(lead.offset);
  type Parsed = { record: string[]; info: { lines: number } };
  let parsed: Parsed[] = [];
  try {
    parsed = parse(body, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: limits.maxLineChars,
      // The header, the rows allowed and one more, to tell a file too long.
      to: limits.maxRows + 2,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) errors.push(syntaxError(error, lead.lines));
      },
    }) as unknown as Parsed[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    errors.push(syntaxError(error, lead.lines));
  }
  const [head, ...rest] = parsed;
  if (!head) {
    errors.push({
      line: lead.lines + 1,
      column: null,
      problem: 'HEADER',
      expected: `a header line naming the columns ${GUIDE_COLUMNS.join(', ')}`,
    });
    return { effectiveDate: lead.effectiveDate, records: [], errors, tooManyRows: false };
  }
  const headerLine = lead.lines + startLine(head);
  const header = head.record.map((name) => name.toLowerCase());
  const problems = headerErrors(header, headerLine);
  if (problems.length > 0) return { effectiveDate: lead.effectiveDate, records: [], errors: [...errors, ...problems], tooManyRows: false };
  if (rest.length === 0)
    errors.push({ line: headerLine, column: null, problem: 'MISSING', expected: 'at least one pack after the header' });
  const records: GuideRecord[] = [];
  for (const parsedRecord of rest.slice(0, limits.maxRows)) {
    const { record } = parsedRecord;
    const line = lead.lines + startLine(parsedRecord);
    if (record.length !== header.length) {
      errors.push({ line, column: null, problem: 'FIELD_COUNT', expected: `${header.length} cells, as many as the header names` });
      continue;
    }
    const cells = Object.fromEntries(header.map((name, index) => [name, record[index] ?? ''])) as Record<GuideColumn, string>;
    records.push({ line, cells });
  }
  const extra = rest[limits.maxRows];
  if (extra) {
    errors.push({
      line: lead.lines + startLine(extra),
      column: null,
      problem: 'TOO_LARGE',
      expected: `at most ${limits.maxRows} packs in one file`,
    });
  }
  return { effectiveDate: lead.effectiveDate, records, errors, tooManyRows: extra !== undefined };
}

/** The line a record starts on, from the line it ends on. */
function startLine(parsed: { record: string[]; info: { lines: number } }): number {
  return parsed.info.lines - newlines(parsed.record);
}

/** Line breaks inside a record's cells (quoted cells spanning lines). */
function newlines(cells: readonly string[]): number {
  return cells.reduce((count, cell) => count + cell.split('\n').length - 1, 0);
}

/** A CSV refusal of the parser as a line error (its message is not repeated: it may quote the line). */
function syntaxError(error: CsvError, lineOffset: number): LineError {
  const lines = (error as CsvError & { lines?: number }).lines;
  return {
    line: lineOffset + (typeof lines === 'number' && lines > 0 ? lines : 1),
    column: null,
    problem: 'CSV_SYNTAX',
    expected:
      SYNTAX_EXPECTED[error.code] ?? 'well-formed CSV (RFC 4180): comma-separated, double quotes around cells holding commas or quotes',
  };
}
