import { Readable } from 'node:stream';
import type { LineError, ProgressSink } from '@cmb/kit';
import { parse } from 'csv-parse';
import { REGISTRY_FILE_SEPARATOR } from '../rules/registry-file-layout';
import type { RawLine } from '../rules/registry-file';

/** The lines of a file as the CSV parser read them, and the error that stopped it before the end, if any. */
export interface ReadLines {
  lines: RawLine[];
  errors: LineError[];
  /** False when the reading stopped before the end of the file (a syntax error, too many lines). */
  complete: boolean;
}

/** Characters fed to the parser at a time, so a large file never holds the event loop for long. */
const CHUNK = 64 * 1024;
/** A record longer than this is no registry line (a quote left open swallows the file). */
const MAX_RECORD_CHARACTERS = 8 * 1024;
/** Progress is reported every so many lines. */
const PROGRESS_EVERY = 1_000;

function* chunks(text: string): Generator<string> {
  for (let start = 0; start < text.length; start += CHUNK) yield text.slice(start, start + CHUNK);
}

/** A syntax error of the parser as a line error (its `lines` is where it stopped). */
function syntaxError(error: unknown): LineError {
  const line = (error as { lines?: unknown }).lines;
  return {
    line: typeof line === 'number' && line > 0 ? line : 1,
    column: null,
    problem: 'CSV_SYNTAX',
    expected: `CSV separated by ${REGISTRY_FILE_SEPARATOR}, a field holding ${REGISTRY_FILE_SEPARATOR} or a quote between double quotes, quotes doubled inside`,
  };
}

/**
 * Reads a registry file's text into lines with `csv-parse` (`;`, a
 * byte-order mark dropped, fields trimmed, empty lines skipped, CRLF or LF),
 * in chunks, with the number of the line each record ends on. Stops at the
 * first CSV syntax error (what follows a broken quote cannot be trusted) or
 * past `maxLines`, and reports it as a line error.
 */
export async function readRegistryLines(text: string, maxLines: number, progress: ProgressSink): Promise<ReadLines> {
  const parser = parse({
    delimiter: REGISTRY_FILE_SEPARATOR,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
    max_record_size: MAX_RECORD_CHARACTERS,
  });
  const source = Readable.from(chunks(text));
  const lines: RawLine[] = [];
  const errors: LineError[] = [];
  progress.step('INPE registry file: read lines', null);
  // Events, not an async iterator: the records parsed before a syntax error are kept, not dropped with their chunk.
  await new Promise<void>((resolve) => {
    parser.on('data', ({ record, info }: { record: string[]; info: { lines: number } }) => {
      if (lines.length >= maxLines) {
        if (errors.length === 0)
          errors.push({ line: info.lines, column: null, problem: 'TOO_LARGE', expected: `at most ${maxLines - 2} data lines` });
        source.unpipe(parser);
        source.destroy();
        parser.destroy();
        resolve();
        return;
      }
      lines.push({ line: info.lines, fields: record });
      if (lines.length % PROGRESS_EVERY === 0) progress.advance(PROGRESS_EVERY);
    });
    parser.on('error', (error: unknown) => {
      errors.push(syntaxError(error));
      source.destroy();
      resolve();
    });
    parser.on('end', () => resolve());
    parser.on('close', () => resolve());
    source.pipe(parser);
  });
  progress.advance(lines.length % PROGRESS_EVERY);
  return { lines, errors, complete: errors.length === 0 };
}
