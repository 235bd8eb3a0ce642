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

/**
 * The refusal of a whole file (`BAD_USER_INPUT`): nothing was loaded. Its
 * extensions carry the first line errors (`lineErrors`, at most `max`) and
 * their total (`lineErrorCount`).
 */
export function fileRefused(errors: readonly LineError[], options: { language?: Language; max?: number } = {}): GraphQLError {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const first = sorted[0];
  return appError(
    'IMPORT_FILE_REFUSED',
    { count: sorted.length, line: first?.line ?? 0 },
    {
      language: options.language,
      extensions: { lineErrors: sorted.slice(0, options.max ?? MAX_REPORTED_LINE_ERRORS), lineErrorCount: sorted.length },
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
