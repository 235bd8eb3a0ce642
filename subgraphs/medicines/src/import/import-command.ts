import {
  describeLineError,
  isErrorKey,
  lineErrorsOf,
  openDatabase,
  readImportFile,
  renderMessage,
  SILENT_PROGRESS,
  toIsoDate,
  type ProgressSink,
} from '@cmb/kit';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { GraphQLError } from 'graphql';
import { medicinesServices } from '../medicines-services';
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

/** The text of a refusal: its message in English, and its line errors when a file was refused. */
function describeRefusal(error: GraphQLError): string {
  const { reason, params } = error.extensions as { reason?: unknown; params?: Record<string, string | number> };
  const message = isErrorKey(reason) ? renderMessage(reason, params ?? {}, 'en') : error.message;
  const { errors, total } = lineErrorsOf(error);
  const lines = errors.map((lineError) => `  ${describeLineError(lineError)}`);
  const more = total > errors.length ? [`  ... and ${total - errors.length} more`] : [];
  return [message, ...lines, ...more].join('\n');
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
export async function runGuideImportCommand(argv: readonly string[], config: MedicinesConfig, io: ImportCommandIo): Promise<number> {
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
      const outcome = await medicinesServices(config, dataSource, dataSource).guideImports.rollback(versionId, progress);
      io.out(`rolled back ${describe(outcome.rolledBack)}\n`);
      io.out(outcome.latest ? `latest version now ${describe(outcome.latest)}\n` : 'no version left\n');
      return 0;
    }
    const csv = await readImportFile(file ?? '', config.guideImport.maxFileBytes);
    await openDatabase(dataSource);
    const outcome = await medicinesServices(config, dataSource, dataSource).guideImports.importGuide(
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
    progress.end();
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
