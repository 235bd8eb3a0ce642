import 'reflect-metadata';
import { createProgress } from '@cmb/kit';
import { loadCliConfig } from '../config';
import { runGuideImportCommand } from './import-command';

/**
 * `node dist/import/import-cli.js FILE [--effective-date YYYY-MM-DD]`, `--rollback [VERSION]`, `--help`:
 * on the database of the subgraph's environment (DATABASE_URL, else SQLITE_PATH), NODE_ENV development by default.
 */
async function main(): Promise<number> {
  return runGuideImportCommand(process.argv.slice(2), loadCliConfig(), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    // Bars on a terminal, one line per step in logs and CI (CMB_PROGRESS overrides).
    progress: createProgress(),
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`medicines import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
