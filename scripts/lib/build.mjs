// Builds the TypeScript packages (incremental) and composes the supergraph.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './federation.mjs';

/** `tsc -b` then `npm run compose`, failing loudly with the compiler's or composer's message. */
export function buildAndCompose({ log = console.error } = {}) {
  log('building TypeScript packages (tsc -b)...');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
  log('composing the supergraph...');
  execFileSync(process.execPath, [join(ROOT, 'gateway/dist/supergraph/compose-cli.js')], { cwd: ROOT, stdio: 'inherit' });
}
