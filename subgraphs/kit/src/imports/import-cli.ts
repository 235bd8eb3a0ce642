import { readFile, stat } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { isErrorKey, renderMessage } from '../errors/app-error';
import { toIsoDate } from '../identifiers/dates';
import { createProgress } from '../progress/create-progress';
import type { ProgressSink } from '../progress/progress-sink';
import { describeLineError, lineErrorsOf } from './line-error';

/** What the command line gives an import beside the file. */
export interface ImportOptions {
  /** `--effective-date YYYY-MM-DD` (commands that take it), else null. */
  effectiveDate: string | null;
}

/** What an import command acts on, opened once per run. */
export interface ImportTarget {
  /** Loads a file's text as a new version of the copy; the lines to print (version, counts). */
  importText(text: string, progress: ProgressSink, options: ImportOptions): Promise<string[]>;
  /** Rolls back the version in force (`--rollback VERSION`: only if it is that one); the lines to print. */
  rollback(progress: ProgressSink, versionId: string | null): Promise<string[]>;
  /** Closes the database. */
  close(): Promise<void>;
}

/** Where an import command writes what it prints. */
export interface ImportOutput {
  out(text: string): void;
  err(text: string): void;
}

/** One `npm run import -- <name>` command. */
export interface ImportCommand {
  /** `inpe`, `gmr`: the name after `npm run import --`. */
  name: string;
  /** One line: what the command loads. */
  description: string;
  /** Where the file layout is documented, for `--help`. */
  layout: string;
  /** Larger files are refused before they are read. */
  maxFileBytes: number;
  open(): Promise<ImportTarget>;
  /** Where the steps report; by default bars on a terminal, one line per step elsewhere (`CMB_PROGRESS`). */
  progress?: ProgressSink;
  /** When given, the command takes `--effective-date YYYY-MM-DD`, so described in `--help`, and passes it to the import. */
  effectiveDateHelp?: string;
  /** What the file is called when none is given: `a FILE` by default (`a GMR file`). */
  fileLabel?: string;
  /** What the message of a failure starts with: `import <name>: ` by default. */
  messagePrefix?: string;
  /** Where the command writes; the process's stdout and stderr by default. */
  output?: ImportOutput;
}

const PROCESS_OUTPUT: ImportOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The value of `--effective-date`: a calendar date YYYY-MM-DD. */
function effectiveDate(value: string): string {
  try {
    return toIsoDate(value);
  } catch {
    throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  }
}

/** Reads a file as UTF-8 text within a size, refusing another encoding (a byte-order mark is dropped). */
export async function readImportFile(path: string, maxBytes: number): Promise<string> {
  const { size } = await stat(path);
  if (size > maxBytes) throw new Error(`the file has ${size} bytes, more than the ${maxBytes} allowed`);
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('the file is not UTF-8 text: export it as UTF-8');
  }
}

/** The message of a failure in English, the catalogue's when it has one (never a value from the file). */
function messageOf(error: unknown): string {
  const extensions = (error as { extensions?: { reason?: unknown; params?: Record<string, string | number> } } | null)?.extensions;
  if (extensions && isErrorKey(extensions.reason)) return renderMessage(extensions.reason, extensions.params ?? {}, 'en');
  return error instanceof Error ? error.message : String(error);
}

/**
 * The command line of an import (`import-cli.js FILE [--effective-date
 * YYYY-MM-DD]`, `--rollback [VERSION]`, `--help`), the same contract for
 * every registry: exit 0 printing the version and its counts; exit 1
 * printing the line errors of a refused file (nothing loaded) or the reason
 * of any other failure.
 */
export async function runImportCommand(command: ImportCommand, argv: string[] = process.argv): Promise<number> {
  const output = command.output ?? PROCESS_OUTPUT;
  const prefix = command.messagePrefix ?? `import ${command.name}: `;
  const program = new Command(`import ${command.name}`)
    .description(`${command.description}\nFile layout: ${command.layout}`)
    .argument('[file]', 'the file to load (UTF-8 CSV)')
    .option('--rollback [versionId]', 'roll back the version in force to the previous one (naming it, as a safeguard, is optional)')
    .exitOverride()
    .configureOutput({ writeErr: output.err, writeOut: output.out });
  if (command.effectiveDateHelp) program.option('--effective-date <date>', command.effectiveDateHelp, effectiveDate);
  try {
    program.parse(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 1;
  }
  const [file] = program.args;
  const options = program.opts<{ rollback?: string | true; effectiveDate?: string }>();
  if (options.rollback !== undefined && (file || options.effectiveDate)) {
    output.err(`${prefix}--rollback takes no file${command.effectiveDateHelp ? ' nor --effective-date' : ''}\n`);
    return 1;
  }
  if (options.rollback === undefined && !file) {
    output.err(`${prefix}give ${command.fileLabel ?? 'a FILE'} to import, or --rollback (see --help)\n`);
    return 1;
  }
  const progress = command.progress ?? createProgress();
  let target: ImportTarget | null = null;
  try {
    const text = file ? await readImportFile(file, command.maxFileBytes) : null;
    target = await command.open();
    const lines =
      text === null
        ? await target.rollback(progress, options.rollback === true || options.rollback === undefined ? null : options.rollback)
        : await target.importText(text, progress, { effectiveDate: options.effectiveDate ?? null });
    for (const line of lines) output.out(`${line}\n`);
    return 0;
  } catch (error) {
    output.err(`${prefix}${messageOf(error)}\n`);
    const { errors, total } = lineErrorsOf(error);
    for (const lineError of errors) output.err(`  ${describeLineError(lineError)}\n`);
    if (total > errors.length) output.err(`  ... and ${total - errors.length} more\n`);
    return 1;
  } finally {
    progress.end();
    await target?.close();
  }
}

/** Runs an import command as a process: its exit code is the command's. */
export function runImportCli(command: ImportCommand, argv: string[] = process.argv): void {
  runImportCommand(command, argv).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`import ${command.name} failed: ${messageOf(error)}\n`);
      process.exit(1);
    },
  );
}
