import { LineErrorCollector } from '@cmb/kit';
import { parseHeader, parseMetadataLine, type RegistryFileMetadata } from './registry-file-layout';
import { validateRow, type RegistryRecord, type RowVocabulary } from './registry-row';

/** A line as the CSV parser read it: its number in the file and its fields. */
export interface RawLine {
  line: number;
  fields: readonly string[];
}

/** A valid registry file: its metadata and its codes, in file order. */
export interface RegistryFile {
  metadata: RegistryFileMetadata;
  records: RegistryRecord[];
}

/** What validating a file needs. */
export interface FileValidationOptions {
  /** Today in Africa/Casablanca: the extraction date may not be later. */
  today: string;
  maxRows: number;
  vocabulary: RowVocabulary;
  /** False when the reading stopped early: the lines' count is then not checked against the first line. */
  complete?: boolean;
  /** Called after each data line, for progress. */
  onLine?: () => void;
}

/**
 * Validates a whole registry file, line by line: the first line, the header,
 * every data line, each code once, and as many data lines as the first line
 * announces (a truncated transfer would otherwise withdraw every missing
 * code). Every error is counted (the first ones kept), not only the first;
 * any error refuses the whole file. The reader's errors come in `errors`.
 */
export function validateRegistryFile(
  lines: readonly RawLine[],
  options: FileValidationOptions,
  errors: LineErrorCollector = new LineErrorCollector(),
): { file: RegistryFile } | { errors: LineErrorCollector } {
  const [first, header, ...data] = lines;
  if ((!first || first.line !== 1) && (options.complete ?? true)) {
    errors.add({ line: 1, column: null, problem: 'METADATA', expected: '#INPE;extracted_on=YYYY-MM-DD;rows=N as the first line' });
    return { errors };
  }
  if (!first) return { errors };
  const metadata = parseMetadataLine(first.fields, options);
  if (Array.isArray(metadata)) errors.add(...metadata);
  if (!header) {
    if (options.complete !== false) errors.add({ line: 2, column: null, problem: 'HEADER', expected: 'a header line naming the columns' });
    return { errors };
  }
  const positions = parseHeader(header.fields, header.line);
  if (Array.isArray(positions)) {
    errors.add(...positions);
    return { errors };
  }

  const records: RegistryRecord[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, fields } of data) {
    const verdict = validateRow(fields, line, positions, options.vocabulary);
    options.onLine?.();
    if ('errors' in verdict) {
      errors.add(...verdict.errors);
      continue;
    }
    const seen = firstLineOf.get(verdict.record.inpe);
    if (seen !== undefined) {
      errors.add({ line, column: 'inpe', problem: 'DUPLICATE', expected: `a code given once (it is on line ${seen} already)` });
      continue;
    }
    firstLineOf.set(verdict.record.inpe, line);
    records.push(verdict.record);
  }
  const complete = options.complete ?? true;
  if (complete && data.length === 0)
    errors.add({ line: header.line, column: null, problem: 'MISSING', expected: 'at least one data line after the header' });
  if (complete && !Array.isArray(metadata) && metadata.rows !== data.length) {
    errors.add({ line: 1, column: 'rows', problem: 'INCONSISTENT', expected: `the number of data lines (${data.length})` });
  }
  if (errors.count > 0 || Array.isArray(metadata)) return { errors };
  return { file: { metadata, records } };
}
