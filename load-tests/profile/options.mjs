// Command-line options of `npm run profile`, parsed and bounded once.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../scripts/lib/federation.mjs';
import { CONTESTANTS } from '../bench/contestants/index.mjs';
import { integer, seconds } from '../bench/options.mjs';

/** Where the JSON reports and the .cpuprofile files go (gitignored). */
export const RESULTS_DIR = join(ROOT, 'load-tests/results');

export const USAGE = `npm run profile -- [options]

  --storage postgres|sqlite   postgres (default): a throwaway cluster seeded with --persons, the audit
                              store on a durable cluster of its own, as in the benchmark;
                              sqlite: the SQLite data of npm start (data/, seeded with --persons when missing)
  --persons N                 synthetic persons seeded (default 10000)
  --reuse                     PostgreSQL: keep the seeded dataset and reuse it (as npm run bench -- --reuse)
  --gateway ID                the gateway profiled (default cmb-gateway; ids: ${CONTESTANTS.map((c) => c.id).join(', ')})
  --vus N                     closed loop with N virtual users, the benchmark's saturation (default 50)
  --rate N                    instead: a constant arrival rate of N checks/s
  --warmup 10s                load before the measured window, not measured (default 10s)
  --duration 20s              the measured window, then the profile window (default 20s each, at most 240s)
  --out PATH                  the JSON report (default load-tests/results/profile-<time>.json)
  --no-build                  skip tsc -b and the supergraph composition
  --verbose                   show the output of every process`;

/** Parses argv; throws with the option named when a value is out of bounds. */
export function readProfileOptions(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      storage: { type: 'string', default: 'postgres' },
      persons: { type: 'string', default: '10000' },
      reuse: { type: 'boolean', default: false },
      gateway: { type: 'string', default: 'cmb-gateway' },
      vus: { type: 'string' },
      rate: { type: 'string' },
      warmup: { type: 'string', default: '10s' },
      duration: { type: 'string', default: '20s' },
      out: { type: 'string' },
      build: { type: 'boolean', default: true },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (!['postgres', 'sqlite'].includes(values.storage)) throw new Error('--storage must be postgres or sqlite');
  if (values.reuse && values.storage !== 'postgres') throw new Error('--reuse applies to --storage postgres (sqlite keeps data/ anyway)');
  const gateway = CONTESTANTS.find((c) => c.id === values.gateway);
  if (!gateway) throw new Error(`unknown --gateway ${values.gateway}; known: ${CONTESTANTS.map((c) => c.id).join(', ')}`);
  if (values.vus !== undefined && values.rate !== undefined) throw new Error('give --vus (closed loop) or --rate (arrival rate), not both');
  const load =
    values.rate !== undefined
      ? { executor: 'rate', rate: integer('rate', values.rate, 1, 20_000) }
      : { executor: 'closed', vus: integer('vus', values.vus ?? '50', 1, 1000) };
  return {
    help: values.help,
    storage: values.storage,
    persons: integer('persons', values.persons, 1, 25_000_000),
    reuse: values.reuse,
    gateway,
    load,
    warmup: seconds('warmup', values.warmup, 0, 300),
    duration: seconds('duration', values.duration, 1, 240),
    out: values.out ?? null,
    build: values.build,
    verbose: values.verbose,
    command: ['npm run profile', ...(argv.length ? ['--', ...argv] : [])].join(' '),
  };
}
