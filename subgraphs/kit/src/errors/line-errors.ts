import type { GraphQLError } from 'graphql';
import { appError } from './app-error';

/**
 * What one line of an imported file lacks: the line number in the file (1 is
 * the first line), the column concerned, a stable problem code and the form
 * expected. Never the value found: a message repeats no data of the file.
 */
export interface LineError {
  line: number;
  /** The column, or `file` for a problem of the whole file. */
  field: string;
  /** Stable code of the problem (`EAN13_CHECK_DIGIT`, `PRICE_FORM`, ...), for programs. */
  problem: string;
  /** What the line should hold, for people (English). */
  expected: string;
}

/** Line errors in file order: by line, then column. */
export function sortLineErrors(errors: readonly LineError[]): LineError[] {
  return [...errors].sort((a, b) => a.line - b.line || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

/**
 * The refusal of a whole file for its line errors: `BAD_USER_INPUT`
 * (`IMPORT_FILE_REFUSED`), with the first `shown` errors in file order in
 * `extensions.lineErrors` and their total in `extensions.lineErrorCount`, so
 * the answer stays bounded whatever the file. Nothing of the file was applied.
 */
export function fileRefusal(errors: readonly LineError[], shown = 100): GraphQLError {
  const sorted = sortLineErrors(errors);
  const lines = new Set(sorted.map((error) => error.line)).size;
  return appError(
    'IMPORT_FILE_REFUSED',
    { count: sorted.length, lines, shown: Math.min(shown, sorted.length) },
    { extensions: { lineErrors: sorted.slice(0, shown), lineErrorCount: sorted.length } },
  );
}
