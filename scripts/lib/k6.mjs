// Provisions k6 the project's way: `go install go.k6.io/k6@<pinned>` into a
// cache directory, reused by later runs. Fails loudly with what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { toolsDir } from './tools-dir.mjs';

export { toolsDir };

/** The pinned k6 release (see DEPENDENCY_NOTES.md). */
export const K6_VERSION = 'v1.8.1';

function findGo() {
  for (const candidate of ['go', '/usr/local/go/bin/go', '/usr/lib/go/bin/go']) {
    const probe = spawnSync(candidate, ['version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

/**
 * Returns the path of the pinned k6, building it with the Go toolchain the
 * first time (a few minutes), from the Go module proxy.
 */
export function ensureK6({ log = console.error } = {}) {
  const dir = join(toolsDir(), `k6-${K6_VERSION}`);
  const binary = join(dir, 'k6');
  if (existsSync(binary)) return binary;
  const go = findGo();
  if (!go)
    throw new Error(
      'k6 is built with Go and no Go toolchain was found: install Go 1.25+ (https://go.dev/dl; the golang package of Debian bookworm is too old) and run again.',
    );
  mkdirSync(dir, { recursive: true });
  log(`building k6 ${K6_VERSION} with ${go} install (first run only; cached in ${dir})...`);
  execFileSync(go, ['install', `go.k6.io/k6@${K6_VERSION}`], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: dir, CGO_ENABLED: '0', GOFLAGS: '-trimpath' },
  });
  if (!existsSync(binary)) throw new Error(`go install did not produce ${binary}`);
  return binary;
}
