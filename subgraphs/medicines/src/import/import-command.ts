import { openDatabase, runImportCommand, SILENT_PROGRESS, type ImportCommand, type ImportOutput, type ProgressSink } from '@cmb/kit';
import { medicinesServices } from '../medicines-services';
import type { MedicinesConfig } from '../config';
import { medicinesDataSource } from '../data-source';
import { parseVersionId } from '../services/edge-validation';
import type { GuideVersionSummary } from '../services/guide-history';

/** Where the command writes, and how it shows progress (none by default). */
export interface ImportCommandIo extends ImportOutput {
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

/**
 * The import command of the medicines guide, on the kit's import command
 * line: loads a GMR file as a new version, or rolls the latest version back,
 * on the database of `config`. Its messages carry no `import gmr:` prefix.
 */
export function guideImportCommand(config: MedicinesConfig, io: ImportCommandIo): ImportCommand {
  return {
    name: 'gmr',
    description: 'Loads a reimbursable medicines guide (GMR) file as a new version in one transaction, or rolls the latest version back.',
    layout: 'subgraphs/medicines/README.md',
    maxFileBytes: config.guideImport.maxFileBytes,
    effectiveDateHelp: 'the day the version takes effect, when the file has no "# effective_date:" line (YYYY-MM-DD)',
    fileLabel: 'a GMR file',
    messagePrefix: '',
    output: io,
    progress: io.progress ?? SILENT_PROGRESS,
    async open() {
      const started = Date.now();
      const dataSource = medicinesDataSource(config.database);
      await openDatabase(dataSource);
      // Nothing else reads through this process's connection: it writes too.
      const { guideImports } = medicinesServices(config, dataSource, dataSource);
      return {
        async importText(csv, progress, { effectiveDate }) {
          const outcome = await guideImports.importGuide({ csv, effectiveDate, importedBy: COMMAND_LINE }, progress);
          const seconds = ((Date.now() - started) / 1000).toFixed(2);
          return [
            outcome.replayed
              ? `already loaded, nothing changed: ${describe(outcome.version)}`
              : `imported ${describe(outcome.version)} in ${seconds} s`,
          ];
        },
        async rollback(progress, versionId) {
          const outcome = await guideImports.rollback(versionId === null ? null : parseVersionId(versionId), progress);
          return [
            `rolled back ${describe(outcome.rolledBack)}`,
            outcome.latest ? `latest version now ${describe(outcome.latest)}` : 'no version left',
          ];
        },
        async close() {
          if (dataSource.isInitialized) await dataSource.destroy();
        },
      };
    },
  };
}

/**
 * Runs the medicines guide's import command on `argv` (the arguments after
 * the script). Returns the exit code: 0 when done (the version and its counts
 * printed), 1 when refused (the reason and the line errors printed) or failed.
 */
export function runGuideImportCommand(argv: readonly string[], config: MedicinesConfig, io: ImportCommandIo): Promise<number> {
  return runImportCommand(guideImportCommand(config, io), ['node', 'import-cli.js', ...argv]);
}
