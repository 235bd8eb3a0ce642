// Builds the TypeScript packages (incremental) and composes the supergraph.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './federation.mjs';

/**
 * `tsc -b`, the type check of the tests (`tsconfig.tests.json`: the packages' builds leave their tests out),
 * `npm run compose`, then the web consoles' bundle, failing loudly with the compiler's or composer's message.
 */
export function buildAndCompose({ log = console.error } = {}) {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  log('building TypeScript packages (tsc -b)...');
  execFileSync(process.execPath, [tsc, '-b', join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
  log('type-checking the tests (tsc -p tsconfig.tests.json)...');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.tests.json')], { cwd: ROOT, stdio: 'inherit' });
  log('composing the supergraph...');
  execFileSync(process.execPath, [join(ROOT, 'gateway/dist/supergraph/compose-cli.js')], { cwd: ROOT, stdio: 'inherit' });
  log('bundling the web consoles (console/)...');
  execFileSync(process.execPath, [join(ROOT, 'console/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

/** Prettier's check and ESLint over the whole tree, before any build: a style failure stops the tests with the files to fix. */
export function checkStyle({ log = console.error } = {}) {
  log('checking formatting (prettier --check) and lint (eslint)...');
  const run = (script, args) => {
    try {
      execFileSync(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, stdio: 'inherit' });
    } catch {
      log(`style check failed: run npm run format and npm run lint, fix what they report, and run again`);
      process.exit(1);
    }
  };
  run('node_modules/prettier/bin/prettier.cjs', ['--check', '--log-level', 'warn', '.']);
  run('node_modules/eslint/bin/eslint.js', ['.']);
}
