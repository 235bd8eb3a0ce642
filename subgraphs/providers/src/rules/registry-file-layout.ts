import { isIsoDate, type LineError } from '@cmb/kit';

/**
 * The layout of the INPE registry file ANAM shares (README, "The registry
 * file"): UTF-8 CSV separated by `;`, a first line `#INPE;extracted_on=...;rows=...`,
 * a header naming the columns, then one line per code.
 */
export const REGISTRY_FILE_SEPARATOR = ';';

/** The first field of the first line: marks the file as an INPE registry extract. */
export const REGISTRY_FILE_MARK = '#INPE';

/** The columns of the header, each once, in any order. */
export const REGISTRY_COLUMNS = [
  'inpe',
  'kind',
  'category',
  'specialty',
  'name',
  'sector',
  'region',
  'status',
  'active_from',
  'active_until',
] as const;

/** One column of the file. */
export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];

/** What the first line says: the extraction date and the number of data lines. */
export interface RegistryFileMetadata {
  extractedOn: string;
  rows: number;
}

/** Where each column sits in a line. */
export type ColumnPositions = Readonly<Record<RegistryColumn, number>>;

const WHOLE_NUMBER = /^(0|[1-9][0-9]{0,8})$/;

/**
 * Reads the first line: `#INPE`, then `extracted_on=YYYY-MM-DD` and
 * `rows=N` in any order. The extraction date may not be after today (a
 * future date would block every later file); `rows` may not exceed the limit.
 */
export function parseMetadataLine(
  fields: readonly string[],
  options: { today: string; maxRows: number },
): RegistryFileMetadata | LineError[] {
  const error = (column: string | null, expected: string): LineError => ({ line: 1, column, problem: 'METADATA', expected });
  if (fields[0] !== REGISTRY_FILE_MARK) return [error(null, `${REGISTRY_FILE_MARK};extracted_on=YYYY-MM-DD;rows=N as the first line`)];
  const values = new Map<string, string>();
  const errors: LineError[] = [];
  for (const field of fields.slice(1)) {
    const [key = '', value, ...rest] = field.split('=');
    if (value === undefined || rest.length > 0 || values.has(key) || (key !== 'extracted_on' && key !== 'rows')) {
      errors.push(error(null, 'the fields extracted_on=YYYY-MM-DD and rows=N, each once'));
    } else values.set(key, value);
  }
  const extractedOn = values.get('extracted_on');
  const rows = values.get('rows');
  if (extractedOn === undefined || !isIsoDate(extractedOn)) errors.push(error('extracted_on', 'YYYY-MM-DD'));
  else if (extractedOn > options.today) errors.push(error('extracted_on', `a date not after today (${options.today})`));
  if (rows === undefined || !WHOLE_NUMBER.test(rows)) errors.push(error('rows', 'the number of data lines, a whole number'));
  else if (Number(rows) > options.maxRows) errors.push({ ...error('rows', `at most ${options.maxRows} data lines`), problem: 'TOO_LARGE' });
  if (errors.length > 0 || extractedOn === undefined || rows === undefined) return errors;
  return { extractedOn, rows: Number(rows) };
}

/** Reads the header (line 2): every column of {@link REGISTRY_COLUMNS} once, in any order, and no other. */
export function parseHeader(fields: readonly string[], line = 2): ColumnPositions | LineError[] {
  const errors: LineError[] = [];
  const positions = new Map<string, number>();
  fields.forEach((field, index) => {
    if (!(REGISTRY_COLUMNS as readonly string[]).includes(field) || positions.has(field)) {
      errors.push({ line, column: null, problem: 'HEADER', expected: `the column names ${REGISTRY_COLUMNS.join(';')}, each once` });
    } else positions.set(field, index);
  });
  for (const column of REGISTRY_COLUMNS) {
    if (!positions.has(column)) errors.push({ line, column, problem: 'HEADER', expected: `a column named ${column}` });
  }
  if (errors.length > 0) return errors;
  return Object.fromEntries(positions) as ColumnPositions;
}
