// `npm run k6 -- <scenario> [--url URL] [--persons N] [...]`: runs the pinned
// k6 (built once with `go install`, see scripts/lib/k6.mjs) on the
// eligibility script against a running federation (`npm start` by default),
// prints k6's summary and exits with k6's code. Anything after `--` goes to
// `k6 run` as is (e.g. `-- --out json=run.json`).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureK6, K6_VERSION } from '../scripts/lib/k6.mjs';

const SCRIPT = resolve(import.meta.dirname, 'k6/eligibility.js');
const SCENARIOS = ['smoke', 'load', 'stress', 'spike', 'soak'];

/** What k6's exit codes mean, for the closing line. */
const EXIT_HINTS = {
  99: 'thresholds crossed (the ✗ lines above)',
  107: 'script error (see the message above)',
  108: 'aborted by the script (see the message above)',
};

const USAGE = `usage: npm run k6 -- <${SCENARIOS.join('|')}> [options] [-- <k6 run flags>]

  --url URL         gateway GraphQL URL, loopback only (default $GATEWAY_URL or http://127.0.0.1:4000/graphql)
  --persons N       generated persons in the seeded dataset (default $PERSONS or 10000, as npm start seeds)
  --rate N          arrival rate per second (load, soak) or peak rate (stress, spike)
  --duration D      run length of smoke, load, soak (e.g. 30s, 5m)
  --vus N           smoke: virtual users (2-5)
  --max-vus N       arrival-rate scenarios: most virtual users
  --p95-ms N        p95 latency bound of the http_req_duration threshold (default 500)
  --summary PATH    also write k6's summary as JSON to PATH
  --quiet, -q       no progress bar
Each check is made with the asking client's own token, obtained with client credentials from
$AUTH_ISSUER (default: npm start's development issuer, http://127.0.0.1:4010/realms/cmb), with the
development secrets of auth/realm/cmb-realm.json. See load-tests/README.md.`;

const OPTIONS = {
  url: { type: 'string' },
  persons: { type: 'string' },
  rate: { type: 'string' },
  duration: { type: 'string' },
  vus: { type: 'string' },
  'max-vus': { type: 'string' },
  'p95-ms': { type: 'string' },
  summary: { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

let parsed;
try {
  parsed = parseArgs({ options: OPTIONS, allowPositionals: true, tokens: true });
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
const { values, positionals, tokens } = parsed;

// Positionals after `--` are k6 flags; before it, the scenario.
const terminator = tokens.find((token) => token.kind === 'option-terminator');
const passThrough = terminator ? tokens.filter((t) => t.kind === 'positional' && t.index > terminator.index).map((t) => t.value) : [];
const [scenario, ...extra] = positionals.slice(0, positionals.length - passThrough.length);

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!SCENARIOS.includes(scenario) || extra.length > 0) {
  console.error(scenario ? `unknown scenario or extra argument: ${[scenario, ...extra].join(' ')}\n` : 'which scenario?\n');
  console.error(USAGE);
  process.exit(2);
}

const url = values.url ?? process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const persons = values.persons ?? process.env.PERSONS ?? '10000';

const issuer = process.env.AUTH_ISSUER ?? 'http://127.0.0.1:4010/realms/cmb';
/** Development secrets of the realm's confidential clients (synthetic, public in the repository). */
const realm = JSON.parse(readFileSync(resolve(import.meta.dirname, '../auth/realm/cmb-realm.json'), 'utf8'));
const clientSecrets = Object.fromEntries(
  realm.clients.filter((c) => c.secret && c.serviceAccountsEnabled).map((c) => [c.clientId, c.secret]),
);

/** Script variables passed with `-e`; secrets go through the environment so they never show in `ps`. */
const secretEnv = { TOKEN_URL: `${issuer}/protocol/openid-connect/token`, AUTH_CLIENTS: JSON.stringify(clientSecrets) };
const scriptEnv = {
  SCENARIO: scenario,
  GATEWAY_URL: url,
  PERSONS: persons,
  RATE: values.rate,
  DURATION: values.duration,
  VUS: values.vus,
  MAX_VUS: values['max-vus'],
  P95_MS: values['p95-ms'],
  SUMMARY_PATH: values.summary === undefined ? undefined : resolve(values.summary),
};

let k6;
try {
  k6 = ensureK6();
} catch (error) {
  console.error(`cannot run k6 ${K6_VERSION}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const args = ['run', '--no-usage-report', ...(values.quiet ? ['--quiet'] : [])];
for (const [name, value] of Object.entries(scriptEnv)) if (value !== undefined) args.push('-e', `${name}=${value}`);
args.push(...passThrough, SCRIPT);

console.error(`k6 ${K6_VERSION}: ${scenario} against ${url} (${persons} persons)`);
const child = spawn(k6, args, { stdio: 'inherit', env: { ...process.env, ...secretEnv } });
// Ctrl-C in a terminal reaches k6 directly (same process group): k6 stops
// gracefully and prints its summary, so this process only waits. A SIGTERM
// sent to this process alone is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('error', (error) => {
  console.error(`could not start ${k6}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  const status = code ?? (signal ? 128 : 1);
  if (status !== 0) console.error(`k6 exited with ${status}${EXIT_HINTS[status] ? `: ${EXIT_HINTS[status]}` : ''}`);
  process.exit(status);
});
