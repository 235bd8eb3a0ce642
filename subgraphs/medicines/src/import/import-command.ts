import { statSync, readFileSync } from 'node:fs';
import { isErrorKey, openDatabase, renderMessage, SILENT_PROGRESS, toIsoDate, type LineError, type ProgressSink } from '@cmb/kit';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { GraphQLError } from 'graphql';
import { medicinesServices } from '../app';
import type { MedicinesConfig } from '../config';
import { medicinesDataSource } from '../data-source';
import { parseVersionId } from '../services/edge-validation';
import type { GuideVersionSummary } from '../services/guide-history';

/** Where the command writes, and how it shows progress. */
export interface ImportCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  progress?: ProgressSink;
}

/** Who the command says imported a version. */
const COMMAND_LINE = 'command-line';

/** A version in one line: id, effective date, size and diff. */
function describe(version: GuideVersionSummary): string {
  const diff = version.imported
    ? `, ${version.addedCount} added, ${version.changedCount} changed, ${version.withdrawnCount} withdrawn`
    : '';
  return `${version.versionId} (effective ${version.effectiveDate}): ${version.medicineCount} packs${diff}`;
}

/** One line error as people read it. */
function describeLine(error: LineError): string {
  return `  line ${error.line}, ${error.field}: ${error.problem}: expected ${error.expected}`;
}

/** The text of a refusal: its message in English, and its line errors when a file was refused. */
function describeRefusal(error: GraphQLError): string {
  const { reason, params, lineErrors, lineErrorCount } = error.extensions as {
    reason?: unknown;
    params?: Record<string, string | number>;
    lineErrors?: LineError[];
    lineErrorCount?: number;
  };
  const message = isErrorKey(reason) ? renderMessage(reason, params ?? {}, 'en') : error.message;
  const lines = (lineErrors ?? []).map(describeLine);
  const more = lineErrorCount !== undefined && lineErrorCount > lines.length ? [`  ... and ${lineErrorCount - lines.length} more`] : [];
  return [message, ...lines, ...more].join('\n');
}

/** Reads the file as UTF-8, refusing a file larger than the import accepts or not UTF-8. */
function readFile(path: string, maxBytes: number): string {
  const size = statSync(path).size;
  if (size > maxBytes) throw new Error(`${path}: ${size} bytes, more than the ${maxBytes} a guide file may hold`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch {
    throw new Error(`${path}: not UTF-8 text (save the CSV as UTF-8)`);
  }
}

function isoDate(value: string): string {
  try {
    return toIsoDate(value);
  } catch {
    throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  }
}

/**
 * The import command of the medicines guide: loads a GMR file as a new
 * version, or rolls the latest version back. Returns the exit code: 0 when
 * done (the version and its counts printed), 1 when refused (the reason and
 * the line errors printed) or failed.
 */
export async function runImportCommand(argv: readonly string[], config: MedicinesConfig, io: ImportCommandIo): Promise<number> {
  const program = new Command('medicines-import')
    .description(
      'Loads a reimbursable medicines guide (GMR) file as a new version in one transaction, or rolls the latest version back. ' +
        'File layout: subgraphs/medicines/README.md.',
    )
    .argument('[file]', 'the GMR file: UTF-8 CSV with its header')
    .option(
      '--effective-date <date>',
      'the day the version takes effect, when the file has no "# effective_date:" line (YYYY-MM-DD)',
      isoDate,
    )
    .option('--rollback [versionId]', 'roll the latest version back (naming it, as a safeguard, is optional)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    throw error;
  }
  const options = program.opts<{ effectiveDate?: string; rollback?: string | true }>();
  const [file] = program.args;
  if (options.rollback !== undefined && (file || options.effectiveDate)) {
    io.err('--rollback takes no file nor --effective-date\n');
    return 1;
  }
  if (options.rollback === undefined && !file) {
    io.err('a GMR file to import, or --rollback (see --help)\n');
    return 1;
  }

  const progress = io.progress ?? SILENT_PROGRESS;
  const dataSource = medicinesDataSource(config.database);
  const started = Date.now();
  try {
    if (options.rollback !== undefined) {
      const versionId = options.rollback === true ? null : parseVersionId(options.rollback);
      await openDatabase(dataSource);
      const outcome = await medicinesServices(config, dataSource).guideImports.rollback(versionId, progress);
      io.out(`rolled back ${describe(outcome.rolledBack)}\n`);
      io.out(outcome.latest ? `latest version now ${describe(outcome.latest)}\n` : 'no version left\n');
      return 0;
    }
    const csv = readFile(file ?? '', config.guideImport.maxFileBytes);
    await openDatabase(dataSource);
    const outcome = await medicinesServices(config, dataSource).guideImports.importGuide(
      { csv, effectiveDate: options.effectiveDate ?? null, importedBy: COMMAND_LINE },
      progress,
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(2);
    io.out(
      outcome.replayed
        ? `already loaded, nothing changed: ${describe(outcome.version)}\n`
        : `imported ${describe(outcome.version)} in ${seconds} s\n`,
    );
    return 0;
  } catch (error) {
    io.err(`${error instanceof GraphQLError ? describeRefusal(error) : error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
