// The record of a run: machine, versions, commit, command; and RESULTS.md,
// where each run adds its own dated section at the top (newest first) and
// every other section of the file is kept as it is.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/federation.mjs';

export const RESULTS_PATH = join(ROOT, 'load-tests/RESULTS.md');

function run(file, args) {
  try {
    return execFileSync(file, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** Machine, runtime, versions and commit of this run. */
export function describeRun(k6) {
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? '?';
  const dirty = run('git', ['status', '--porcelain']);
  return {
    nproc: run('nproc', []) ?? String(cpus().length),
    memoryGiB: (totalmem() / 1024 ** 3).toFixed(1),
    cpuModel,
    node: process.version,
    k6: run(k6, ['version'])?.split('\n')[0] ?? '?',
    commit: run('git', ['rev-parse', '--short', 'HEAD']) ?? '?',
    dirty: Boolean(dirty),
    load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    versions: ['@apollo/gateway', '@apollo/server', '@graphql-hive/gateway', '@graphql-hive/router-runtime', 'graphql']
      .map((n) => `${n} ${packageVersion(n)}`)
      .join(', '),
  };
}

/** The header lines every section starts with. */
export function runHeader(info, { command, storage, persons, built = true }) {
  return [
    `- machine: ${info.nproc} CPUs (${info.cpuModel}), ${info.memoryGiB} GiB, Node ${info.node}, ${info.k6}; load average at start ${info.load}; shared machine, load generator on the same machine`,
    `- commit: ${info.commit}${info.dirty ? ' (working tree had uncommitted changes)' : ''}; ${built ? 'built and composed by this run' : 'not rebuilt (--no-build): the packages as last built'}`,
    `- command: \`${command}\``,
    `- storage: ${storage}, ${persons}`,
    `- peers: ${info.versions}`,
  ].join('\n');
}

const TITLE = '# Load-test results';
const INTRO =
  'Each run of `npm run bench` adds a dated section below, newest first (see README.md, "Benchmark"). Numbers from a shared 2-core machine are noisy: read the ratios and their spread, not single values.';

/**
 * Adds (or replaces, same id) a section at the top of RESULTS.md, below the
 * title and intro; other sections are left untouched.
 */
export function writeResultsSection(id, markdown) {
  const begin = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}\n`;
  let text = existsSync(RESULTS_PATH) ? readFileSync(RESULTS_PATH, 'utf8') : `${TITLE}\n\n${INTRO}\n`;
  const start = text.indexOf(begin);
  if (start !== -1) {
    const stop = text.indexOf(end, start);
    text = text.slice(0, start) + block + text.slice(stop === -1 ? text.length : stop + end.length + 1);
  } else {
    // Before the first section (## heading or a previous run's marker), after the title and intro.
    const match = /^(## |<!-- bench:)/m.exec(text);
    const at = match ? match.index : text.length;
    const before = text.slice(0, at).replace(/\n*$/, '\n\n');
    text = before + block + (match ? '\n' + text.slice(at) : '');
  }
  writeFileSync(RESULTS_PATH, text);
  return RESULTS_PATH;
}
