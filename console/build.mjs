// Bundles the consoles (src/main.tsx) with esbuild into dist/: one ES module
// entry and the chunks loaded on demand (the CSV export), the page and the
// stylesheet copied from public/. Type-checks first (tsc --noEmit), prints
// the sizes (raw and gzip) of what a browser downloads.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const HERE = import.meta.dirname;
const DIST = join(HERE, 'dist');

/** Type-checks, bundles and copies the consoles into dist/; returns the sizes of the files a browser loads. */
export async function buildConsole({ log = console.error } = {}) {
  execFileSync(process.execPath, [join(HERE, '../node_modules/typescript/bin/tsc'), '-p', join(HERE, 'tsconfig.json')], {
    stdio: 'inherit',
  });
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  await build({
    entryPoints: [join(HERE, 'src/main.tsx')],
    outdir: join(DIST, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'linked',
    entryNames: 'app',
    chunkNames: 'chunk-[hash]',
    logLevel: 'warning',
  });
  cpSync(join(HERE, 'public'), DIST, { recursive: true });
  const sizes = bundleSizes();
  log(`console built: ${sizes.entry.gzip} B gzip (${sizes.entry.raw} B) at first load, ${sizes.all.gzip} B gzip with every chunk`);
  return sizes;
}

/** What a first load downloads (page, stylesheet, entry script) and everything, raw and gzip, in bytes. */
export function bundleSizes() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(js|css|html)$/.test(name)) files.push(path);
    }
  };
  walk(DIST);
  const measure = (paths) =>
    paths.reduce(
      (sum, path) => {
        const bytes = readFileSync(path);
        return { raw: sum.raw + bytes.length, gzip: sum.gzip + gzipSync(bytes, { level: 9 }).length };
      },
      { raw: 0, gzip: 0 },
    );
  const firstLoad = files.filter((path) => !path.includes('chunk-'));
  return { entry: measure(firstLoad), all: measure(files) };
}

if (import.meta.url === `file://${process.argv[1]}`) await buildConsole();
