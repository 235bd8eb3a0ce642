import { readFile, stat } from 'node:fs/promises';
import { Command } from 'commander';
import { isErrorKey, renderMessage } from '../errors/app-error';
import { createProgress } from '../progress/create-progress';
import type { ProgressSink } from '../progress/progress-sink';
import { describeLineError, lineErrorsOf } from './line-error';

/** What an import command acts on, opened once per run. */
export interface ImportTarget {
  /** Loads a file's text as a new version of the copy; the lines to print (version, counts). */
  importText(text: string, progress: ProgressSink): Promise<string[]>;
  /** Rolls back the version in force; the lines to print. */
  rollback(progress: ProgressSink): Promise<string[]>;
  /** Closes the database. */
  close(): Promise<void>;
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
 * The command line of an import (`import-cli.js FILE`, `--rollback`,
 * `--help`), the same contract for every registry: exit 0 printing the
 * version and its counts; exit 1 printing the line errors of a refused file
 * (nothing loaded) or the reason of any other failure.
 */
export async function runImportCommand(command: ImportCommand, argv: string[] = process.argv): Promise<number> {
  const program = new Command(`import ${command.name}`)
    .description(`${command.description}\nFile layout: ${command.layout}`)
    .argument('[file]', 'the file to load (UTF-8 CSV)')
    .option('--rollback', 'roll back the version in force to the previous one', false)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text), writeOut: (text) => process.stdout.write(text) });
  try {
    program.parse(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 1;
  }
  const [file] = program.args;
  const { rollback } = program.opts<{ rollback: boolean }>();
  if (Boolean(file) === rollback) {
    process.stderr.write(`import ${command.name}: give a FILE to load, or --rollback (see --help)\n`);
    return 1;
  }
  const progress = command.progress ?? createProgress();
  let target: ImportTarget | null = null;
  try {
    const text = file ? await readImportFile(file, command.maxFileBytes) : null;
    target = await command.open();
    const lines = text === null ? await target.rollback(progress) : await target.importText(text, progress);
    for (const line of lines) process.stdout.write(`${line}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`import ${command.name}: ${messageOf(error)}\n`);
    const { errors, total } = lineErrorsOf(error);
    for (const lineError of errors) process.stderr.write(`  ${describeLineError(lineError)}\n`);
    if (total > errors.length) process.stderr.write(`  ... and ${total - errors.length} more\n`);
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
