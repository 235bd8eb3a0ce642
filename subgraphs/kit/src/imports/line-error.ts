import type { GraphQLError } from 'graphql';
import { appError } from '../errors/app-error';
import type { Language } from '../errors/error-catalog';

/**
 * What is wrong with a line of an imported file, as a stable code:
 * `METADATA` (the first line), `HEADER` (the column names), `CSV_SYNTAX`
 * (quoting), `FIELD_COUNT`, `MISSING`, `MALFORMED`, `UNKNOWN_CODE`,
 * `INCONSISTENT` (two fields disagree), `DUPLICATE` (a key given twice),
 * `TOO_LARGE` (more lines than allowed).
 */
export type LineProblem =
  | 'METADATA'
  | 'HEADER'
  | 'CSV_SYNTAX'
  | 'FIELD_COUNT'
  | 'MISSING'
  | 'MALFORMED'
  | 'UNKNOWN_CODE'
  | 'INCONSISTENT'
  | 'DUPLICATE'
  | 'TOO_LARGE';

/**
 * One error of an imported file: where it is and what is expected there,
 * never the value found (a professional's name is personal data).
 */
export interface LineError {
  /** Line of the file, from 1 (the last line of a record that spans several). */
  line: number;
  /** The column's name in the header, or null for the whole line. */
  column: string | null;
  problem: LineProblem;
  /** The expected form, in notation or short English words (`YYYY-MM-DD`, `PS or ES`). */
  expected: string;
}

/** Line errors an answer carries at most; `lineErrorCount` gives the total. */
export const MAX_REPORTED_LINE_ERRORS = 100;

/** Line errors a collector keeps (it counts them all): a file of garbage never fills the memory with its errors. */
export const MAX_KEPT_LINE_ERRORS = 1_000;

/**
 * Collects the errors of a file read line by line: all of them counted, the
 * first ones kept, and always those of line 1 (the file's first line, which
 * a check may report only once every line is read).
 */
export class LineErrorCollector {
  private readonly kept: LineError[] = [];
  private total = 0;

  constructor(private readonly keep: number = MAX_KEPT_LINE_ERRORS) {}

  add(...errors: readonly LineError[]): void {
    for (const error of errors) {
      this.total += 1;
      if (this.kept.length < this.keep || error.line === 1) this.kept.push(error);
    }
  }

  /** How many errors were added. */
  get count(): number {
    return this.total;
  }

  /** The errors kept, by line. */
  get errors(): LineError[] {
    return [...this.kept].sort((a, b) => a.line - b.line);
  }
}

/**
 * The refusal of a whole file (`BAD_USER_INPUT`): nothing was loaded. Its
 * extensions carry the first line errors (`lineErrors`, at most `max`) and
 * their total (`lineErrorCount`).
 */
export function fileRefused(
  errors: readonly LineError[] | LineErrorCollector,
  options: { language?: Language; max?: number } = {},
): GraphQLError {
  const sorted = errors instanceof LineErrorCollector ? errors.errors : [...errors].sort((a, b) => a.line - b.line);
  const total = errors instanceof LineErrorCollector ? errors.count : sorted.length;
  return appError(
    'IMPORT_FILE_REFUSED',
    { count: total, line: sorted[0]?.line ?? 0 },
    {
      language: options.language,
      extensions: { lineErrors: sorted.slice(0, options.max ?? MAX_REPORTED_LINE_ERRORS), lineErrorCount: total },
    },
  );
}

/** The line errors a refusal carries, for a command line to print; empty for any other error. */
export function lineErrorsOf(error: unknown): { errors: LineError[]; total: number } {
  const extensions = (error as { extensions?: { lineErrors?: unknown; lineErrorCount?: unknown } } | null)?.extensions;
  const errors = Array.isArray(extensions?.lineErrors) ? (extensions.lineErrors as LineError[]) : [];
  const total = typeof extensions?.lineErrorCount === 'number' ? extensions.lineErrorCount : errors.length;
  return { errors, total };
}

/** A line error as a command line prints it: `line 12, active_from: MALFORMED, expected YYYY-MM-DD`. */
export function describeLineError(error: LineError): string {
  return `line ${error.line}${error.column ? `, ${error.column}` : ''}: ${error.problem}, expected ${error.expected}`;
}
