// Command-line options of `npm run bench`, parsed and bounded once.
import { parseArgs } from 'node:util';
import { CONTESTANTS } from './contestants/index.mjs';

export const USAGE = `npm run bench -- [options]

  --storage postgres|sqlite   storage of the subgraphs (default postgres: a throwaway cluster)
  --persons N                 synthetic persons seeded (default 10000)
  --reuse                     keep the seeded dataset between runs and reuse it
                              (kept under $CMB_BENCH_DATA or <tmp>/cmb-bench)
  --passes N                  passes over the contestants, alternating order (default 2)
  --vus N                     closed-loop virtual users for throughput (default 50)
  --duration 20s              length of each measured run (default 20s)
  --rate N                    arrival rate of the latency run, requests/s (default 200)
  --warmup 5s                 warm-up before each measured run (default 5s)
  --contestants a,b           only these contestants (ids: ${CONTESTANTS.map((c) => c.id).join(', ')})
  --scale 10000,1000000,...   instead: our gateway's latency at each dataset size (PostgreSQL)
  --cold                      with --scale: measure without the steady cache state
                              (shared buffers 256 MB, nothing preloaded)
  --no-build                  skip tsc -b and the supergraph composition
  --no-results                do not write load-tests/RESULTS.md
  --verbose                   show the output of every process`;

/** A whole number option within [min, max]; throws naming the option otherwise. */
export function integer(name, raw, min, max) {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return value;
}

/** A duration option (`20s`, `2m`) in seconds within [min, max]; throws naming the option otherwise. */
export function seconds(name, raw, min, max) {
  const match = /^(\d+)(s|m)?$/.exec(raw);
  const value = match ? Number(match[1]) * (match[2] === 'm' ? 60 : 1) : NaN;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`--${name} must be a duration like 20s from ${min}s to ${max}s (got "${raw}")`);
  return value;
}

/**
 * The options `npm run bench` and `npm run profile` share: the storage and
 * its dataset, the build step, the output and the usage. Each command adds
 * its own to these.
 */
export const COMMON_OPTIONS = {
  storage: { type: 'string', default: 'postgres' },
  persons: { type: 'string', default: '10000' },
  reuse: { type: 'boolean', default: false },
  build: { type: 'boolean', default: true },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

/** The storage option, checked; throws naming it otherwise. */
export function checkStorage(storage) {
  if (!['postgres', 'sqlite'].includes(storage)) throw new Error('--storage must be postgres or sqlite');
}

/** Parses argv; throws with the option named when a value is out of bounds. */
export function readOptions(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      ...COMMON_OPTIONS,
      passes: { type: 'string', default: '2' },
      vus: { type: 'string', default: '50' },
      duration: { type: 'string', default: '20s' },
      rate: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '5s' },
      contestants: { type: 'string' },
      scale: { type: 'string' },
      cold: { type: 'boolean', default: false },
      results: { type: 'boolean', default: true },
    },
  });
  checkStorage(values.storage);
  const ids = values.contestants
    ? values.contestants
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : CONTESTANTS.map((c) => c.id);
  const unknown = ids.filter((id) => !CONTESTANTS.some((c) => c.id === id));
  if (unknown.length > 0) throw new Error(`unknown contestant(s) ${unknown.join(', ')}; known: ${CONTESTANTS.map((c) => c.id).join(', ')}`);
  const scale = values.scale ? values.scale.split(',').map((s) => integer('scale', s.trim(), 1, 25_000_000)) : null;
  if (scale) scale.sort((a, b) => a - b);
  if (scale && new Set(scale).size !== scale.length) throw new Error('--scale sizes must be distinct');
  return {
    help: values.help,
    storage: values.storage,
    persons: integer('persons', values.persons, 1, 25_000_000),
    reuse: values.reuse,
    passes: integer('passes', values.passes, 1, 20),
    vus: integer('vus', values.vus, 1, 1000),
    duration: seconds('duration', values.duration, 1, 3600),
    rate: integer('rate', values.rate, 1, 20_000),
    warmup: seconds('warmup', values.warmup, 0, 600),
    contestants: CONTESTANTS.filter((c) => ids.includes(c.id)),
    scale,
    warm: !values.cold,
    build: values.build,
    results: values.results,
    verbose: values.verbose,
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
  };
}
