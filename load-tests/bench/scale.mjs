// `npm run bench -- --scale 10000,1000000,10000000`: does our gateway's
// latency hold as the registry grows? For each size: a fresh (or, with
// --reuse, a kept) database seeded with that many persons, the subgraphs and
// our gateway started on it, the fixed-rate latency run. Reports seed time,
// database size per subgraph, p50/p95/p99 per size and p99 at the largest
// size ÷ p99 at the smallest. Large sizes take long (10 million: expect tens
// of minutes of seeding and several GB of disk).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInterrupted, onCleanup } from './cleanup.mjs';
import { CONTESTANTS } from './contestants/index.mjs';
import { measureLatency } from './measure/visit.mjs';
import { spread } from './measure/stats.mjs';
import { scaleTable } from './measure/table.mjs';
import { CARE_DATE, PROVIDERS } from './mix.mjs';
import { runHeader, writeResultsSection } from './results.mjs';
import { provideAuditStore } from './audit-store.mjs';
import { startContestants, startFederationContext } from './setup.mjs';
import { provideStorage } from './storage.mjs';
import { verifyContestants } from './verify.mjs';
import { loadPersonas, writeWorkload } from './workload.mjs';
import { prewarmAll, steadySharedBuffersMb } from './warm-state.mjs';

const GATEWAY = CONTESTANTS.find((c) => c.id === 'cmb-gateway');

/** Seeds, starts and measures one dataset size, then stops everything it started. */
async function measureSize(persons, options, { k6, work, personas, log }) {
  const stops = [];
  const track = (label, stop) => stops.push(onCleanup(label, stop));
  try {
    const sharedBuffersMb = options.storage === 'postgres' && options.warm ? steadySharedBuffersMb() : null;
    const storage = await provideStorage({ kind: options.storage, persons, reuse: options.reuse, sharedBuffersMb, log });
    track(`storage (${persons})`, () => storage.stop());
    const warm = sharedBuffersMb && storage.postgresUrl ? await prewarmAll(storage.postgresUrl) : null;
    if (warm)
      log(
        `  steady cache state: ${warm.megabytes.toFixed(0)} MB read in ${warm.seconds.toFixed(1)} s (indexes into ${sharedBuffersMb} MB of shared buffers, tables into the page cache)`,
      );
    const sizes = await storage.sizes();
    log(
      `  database sizes (MB): ${Object.entries(sizes)
        .map(([name, bytes]) => `${name} ${(bytes / 1048576).toFixed(1)}`)
        .join(', ')}`,
    );
    const audit = await provideAuditStore({ log });
    track(`audit store (${persons})`, () => audit.stop());
    const ctx = await startFederationContext({
      storage,
      audit,
      contestants: [GATEWAY],
      work,
      persons,
      personas,
      quiet: !options.verbose,
      register: track,
    });
    const { contextKey } = ctx;
    const [gateway] = await startContestants([GATEWAY], ctx, log, track);
    await verifyContestants([gateway], { personas, persons, contextKey });
    const setup = {
      k6,
      workloadPath: writeWorkload(work, { persons, personas }),
      rate: options.rate,
      duration: options.duration,
      warmup: options.warmup,
    };
    const runs = [];
    for (let pass = 0; pass < options.passes; pass += 1) {
      if (isInterrupted()) throw new Error('interrupted');
      const run = await measureLatency(gateway, setup);
      runs.push(run);
      log(
        `  ${persons} persons, pass ${pass + 1}/${options.passes}: p50 ${run.p50.toFixed(1)} p95 ${run.p95.toFixed(1)} p99 ${run.p99.toFixed(1)} ms, ${run.requests} requests, errors ${run.errors}${run.dropped ? `, dropped ${run.dropped}` : ''}`,
      );
    }
    return {
      persons,
      seed: storage.seed,
      warm,
      sizes,
      p50: spread(runs.map((r) => r.p50)),
      p95: spread(runs.map((r) => r.p95)),
      p99: spread(runs.map((r) => r.p99)),
      cpu: spread(runs.map((r) => r.cpuMsPerRequest)),
      requests: runs.reduce((t, r) => t + r.requests, 0),
      errors: runs.reduce((t, r) => t + r.errors, 0),
      errorKinds: runs.reduce((total, r) => {
        for (const [kind, count] of Object.entries(r.errorKinds ?? {})) total[kind] = (total[kind] ?? 0) + count;
        return total;
      }, {}),
      dropped: runs.reduce((t, r) => t + r.dropped, 0),
    };
  } finally {
    // Newest first: the gateway, the subgraphs, then the storage.
    for (const stop of stops.reverse()) await stop();
  }
}

/** The --scale study. */
export async function runScale(options, { k6, info, log }) {
  const work = mkdtempSync(join(tmpdir(), 'cmb-bench-scale-'));
  onCleanup('work directory', () => rmSync(work, { recursive: true, force: true }));
  const personas = loadPersonas();
  const rows = [];
  for (const persons of options.scale) {
    if (isInterrupted()) throw new Error('interrupted');
    log(`scale: ${persons.toLocaleString('en-US')} persons`);
    rows.push(await measureSize(persons, options, { k6, work, personas, log }));
  }
  const table = scaleTable(rows, { rate: options.rate });
  const first = rows[0];
  const last = rows[rows.length - 1];
  const ratio = first.p99.median && last.p99.median ? last.p99.median / first.p99.median : null;
  const overloaded = rows.some((r) => r.dropped > 0)
    ? `\n\n†: k6 dropped requests at the fixed rate (the gateway could not sustain ${options.rate}/s on this machine at that moment): that latency measures queueing, not service time.`
    : '';
  const verdict = `p99 at ${last.persons.toLocaleString('en-US')} persons ÷ p99 at ${first.persons.toLocaleString('en-US')}: ${ratio === null ? 'n/a' : `${ratio.toFixed(2)}×`}`;
  const when = new Date();
  const markdown = [
    `## ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC: latency against dataset size (cmb-gateway, ${options.storage})`,
    '',
    runHeader(info, {
      built: options.build,
      command: options.command,
      storage: options.storage,
      persons: options.scale.map((n) => n.toLocaleString('en-US')).join(', ') + ' persons',
    }),
    `- per size: ${options.reuse ? 'kept dataset (seeded once, reused)' : 'a fresh database seeded for the run'}, the six subgraphs and cmb-gateway (${GATEWAY.notes}) started on it, each request with the asking client's own token, ${options.warmup} s warm-up then ${options.duration} s at ${options.rate} requests/s (k6 constant-arrival-rate), ${options.passes} pass${options.passes > 1 ? 'es' : ''}; the full eligibility decision for random generated persons of that dataset and 10% personas at ${PROVIDERS.map((p) => p.inpe).join(', ')}, care date ${CARE_DATE}.`,
    options.storage === 'postgres' && options.warm
      ? `- cache state: steady, as a registry answering checks all day has it: PostgreSQL's shared_buffers ${steadySharedBuffersMb()} MB (a quarter of the memory, at most 4 GB), then every index of every subgraph database loaded into them and every table read into the page cache (pg_prewarm) before the warm-up; warmed MB (s): what was read and how long it took. \`--cold\` measures without it (256 MB, nothing preloaded).`
      : `- cache state: cold (\`--cold\`): shared_buffers 256 MB, nothing preloaded; the first requests of each size read from disk.`,
    `- seed s: wall time of seeding the five subgraphs in parallel (PostgreSQL: then VACUUM ANALYZE of each database, not counted, so autovacuum stays out of the measured runs); DB MB: pg_database_size (SQLite: file size) after seeding.`,
    '',
    table,
    '',
    verdict + overloaded,
  ].join('\n');
  console.log(`\n${table}\n\n${verdict}\n`);
  if (options.results) log(`results written to ${writeResultsSection(`scale-${when.toISOString()}`, markdown)}`);
}
