// `npm run bench -- --scale 10000,1000000,10000000`: does our gateway's
// latency hold as the registry grows? For each size: a fresh (or, with
// --reuse, a kept) database seeded with that many persons, the subgraphs and
// our gateway started on it; all sizes run side by side, and each pass takes
// the fixed-rate latency run of every size in alternating order, so a busy
// moment of a shared machine does not land on one size only. Reports seed time,
// database size per subgraph, p50/p95/p99 per size and p99 at the largest
// size ÷ p99 at the smallest. Large sizes take long (10 million: expect tens
// of minutes of seeding and several GB of disk).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInterrupted, onCleanup } from './cleanup.mjs';
import { CONTESTANTS } from './contestants/index.mjs';
import { measureLatency } from './measure/visit.mjs';
import { passOrder, ratioSpread, spread } from './measure/stats.mjs';
import { addKinds, passTable, scaleTable } from './measure/table.mjs';
import { describeMachine } from './measure/machine-stalls.mjs';
import { CARE_DATE, HOT_SUBGRAPHS, PROVIDERS } from './mix.mjs';
import { runHeader, writeResultsSection } from './results.mjs';
import { provideAuditStore } from './audit-store.mjs';
import { startContestants, startFederationContext } from './setup.mjs';
import { provideStorage } from './storage.mjs';
import { verifyContestants } from './verify.mjs';
import { loadPersonas, writeWorkload } from './workload.mjs';
import { prewarmAll, steadySharedBuffersMb } from './warm-state.mjs';

const GATEWAY = CONTESTANTS.find((c) => c.id === 'cmb-gateway');

/**
 * Seeds (or reuses) one dataset size and starts its subgraphs and gateway,
 * each stop registered with `track`. Returns what the passes need.
 */
async function startSize(persons, options, { k6, work, personas, log, track }) {
  const sharedBuffersMb = options.storage === 'postgres' && options.warm ? steadySharedBuffersMb(persons, options.scale) : null;
  const storage = await provideStorage({ kind: options.storage, persons, reuse: options.reuse, sharedBuffersMb, log });
  track(`storage (${persons})`, () => storage.stop());
  const warm = sharedBuffersMb && storage.postgresUrl ? await prewarmAll(storage.postgresUrl) : null;
  if (warm)
    log(
      `  steady cache state: ${warm.megabytes.toFixed(0)} MB of the path's databases loaded into ${sharedBuffersMb} MB of shared buffers in ${warm.seconds.toFixed(1)} s${warm.megabytes > sharedBuffersMb ? ': more than they hold, part of the path will be read from the page cache or the disk' : ''}`,
    );
  const sizes = await storage.sizes();
  log(
    `  database sizes (MB): ${Object.entries(sizes)
      .map(([name, bytes]) => `${name} ${(bytes / 1048576).toFixed(1)}`)
      .join(', ')}`,
  );
  const audit = await provideAuditStore({ log });
  track(`audit store (${persons})`, () => audit.stop());
  // Each size its own directory: the routed supergraph and the workload name that size's subgraphs and persons.
  const sizeWork = join(work, String(persons));
  mkdirSync(sizeWork);
  const ctx = await startFederationContext({
    storage,
    audit,
    contestants: [GATEWAY],
    work: sizeWork,
    persons,
    personas,
    quiet: !options.verbose,
    register: track,
  });
  const [gateway] = await startContestants([GATEWAY], ctx, log, track);
  await verifyContestants([gateway], { personas, persons, contextKey: ctx.contextKey });
  const setup = {
    k6,
    workloadPath: writeWorkload(sizeWork, { persons, personas }),
    rate: options.rate,
    duration: options.duration,
    warmup: options.warmup,
  };
  return { persons, seed: storage.seed, warm, sizes, gateway, setup };
}

/** One size's row: its passes summarised, and its p99 to the smallest size's, pass by pass. */
function sizeRow(size, runs, smallestRuns) {
  return {
    persons: size.persons,
    seed: size.seed,
    warm: size.warm,
    sizes: size.sizes,
    p50: spread(runs.map((r) => r.p50)),
    p95: spread(runs.map((r) => r.p95)),
    p99: spread(runs.map((r) => r.p99)),
    p99ToSmallest: ratioSpread(
      runs.map((r) => r.p99),
      smallestRuns.map((r) => r.p99),
    ),
    cpu: spread(runs.map((r) => r.cpuMsPerRequest)),
    requests: runs.reduce((t, r) => t + r.requests, 0),
    errors: runs.reduce((t, r) => t + r.errors, 0),
    errorKinds: addKinds(runs.map((r) => r.errorKinds)),
    dropped: runs.reduce((t, r) => t + r.dropped, 0),
  };
}

/**
 * Every size started side by side, then the passes: each pass measures every
 * size in alternating order (small to large, then back), so the noise of a
 * shared machine falls on all sizes alike and the ratio is read pass by pass.
 */
async function measureSizes(options, { k6, work, personas, log }) {
  const stops = [];
  const track = (label, stop) => stops.push(onCleanup(label, stop));
  try {
    const started = [];
    for (const persons of options.scale) {
      if (isInterrupted()) throw new Error('interrupted');
      log(`scale: ${persons.toLocaleString('en-US')} persons`);
      started.push(await startSize(persons, options, { k6, work, personas, log, track }));
    }
    const runs = new Map(started.map((size) => [size, []]));
    const passes = [];
    for (let pass = 0; pass < options.passes; pass += 1) {
      for (const size of passOrder(started, pass)) {
        if (isInterrupted()) throw new Error('interrupted');
        const run = await measureLatency(size.gateway, size.setup);
        runs.get(size).push(run);
        passes.push({ pass: pass + 1, persons: size.persons, run });
        log(
          `  ${size.persons} persons, pass ${pass + 1}/${options.passes}: p50 ${run.p50.toFixed(1)} p95 ${run.p95.toFixed(1)} p99 ${run.p99.toFixed(1)} ms, ${run.requests} requests, errors ${run.errors}${run.dropped ? `, dropped ${run.dropped}` : ''}; over 100 ms: ${run.stalls ?? 'n/a'}; machine: ${describeMachine(run.machine)}`,
        );
      }
    }
    return { rows: started.map((size) => sizeRow(size, runs.get(size), runs.get(started[0]))), passes };
  } finally {
    // Newest first: the gateways, the subgraphs, then the storages.
    for (const stop of stops.reverse()) await stop();
  }
}

/** The --scale study. */
export async function runScale(options, { k6, info, log }) {
  const work = mkdtempSync(join(tmpdir(), 'cmb-bench-scale-'));
  onCleanup('work directory', () => rmSync(work, { recursive: true, force: true }));
  const personas = loadPersonas();
  if (options.passes < 6)
    log(`note: ${options.passes} pass(es): a 20 s run's p99 is its tenth slowest request; read a p99 ratio from at least 6 passes`);
  const { rows, passes } = await measureSizes(options, { k6, work, personas, log });
  const table = scaleTable(rows, { rate: options.rate });
  const first = rows[0];
  const last = rows[rows.length - 1];
  const ratio = last.p99ToSmallest;
  const overloaded = rows.some((r) => r.dropped > 0)
    ? `\n\n†: k6 dropped requests at the fixed rate (the gateway could not sustain ${options.rate}/s on this machine at that moment): that latency measures queueing, not service time.`
    : '';
  const verdict = `p99 at ${last.persons.toLocaleString('en-US')} persons ÷ p99 at ${first.persons.toLocaleString('en-US')}: ${ratio.median === null ? 'n/a' : `${ratio.median.toFixed(2)}× (median of the per-pass ratios; passes ${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}); ratio of the median p99s ${first.p99.median > 0 ? `${(last.p99.median / first.p99.median).toFixed(2)}×` : 'n/a'}`}`;
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
    `- per size: ${options.reuse ? 'kept dataset (seeded once, reused)' : 'a fresh database seeded for the run'}, the six subgraphs and cmb-gateway (${GATEWAY.notes}) started on it, each request with the asking client's own token, ${options.warmup} s warm-up then ${options.duration} s at ${options.rate} requests/s (k6 constant-arrival-rate), ${options.passes} pass${options.passes > 1 ? 'es' : ''}; every size running side by side, each pass measuring them in alternating order (smallest to largest, then back); p99 ÷ the smallest size's: per pass, then the median (range across passes); the full eligibility decision for random generated persons of that dataset and 10% personas at ${PROVIDERS.map((p) => p.inpe).join(', ')}, care date ${CARE_DATE}.`,
    options.storage === 'postgres' && options.warm
      ? `- cache state: steady, as a registry answering checks all day has it: PostgreSQL's shared_buffers (half the memory for all sizes together, in proportion to their persons: ${options.scale.map((n) => `${steadySharedBuffersMb(n, options.scale)} MB`).join(', ')}), then every table and index of the databases of the subgraphs on the path (${HOT_SUBGRAPHS.join(', ')}) loaded into them (pg_prewarm) and the cluster checkpointed before the warm-up, the other subgraphs' data left cold as this load leaves it; not the page cache, which this machine's proactive reclaim (DAMON) empties of pages unread for a minute (warm-state.mjs); warmed MB (s): what was loaded and how long it took. \`--cold\` measures without it (256 MB, nothing preloaded).`
      : `- cache state: cold (\`--cold\`): shared_buffers 256 MB, nothing preloaded; the first requests of each size read from disk.`,
    `- seed s: wall time of seeding the five subgraphs in parallel (PostgreSQL: then VACUUM ANALYZE of each database, not counted, so autovacuum stays out of the measured runs); DB MB: pg_database_size (SQLite: file size) after seeding.`,
    '',
    table,
    '',
    verdict + overloaded,
    '',
    "Each run in the order it ran: the gateway's operations over 100 ms, the fetches among them over 100 ms by subgraph, and the audit commits over 100 ms (its own histograms), and what the machine did meanwhile (`measure/machine-stalls.mjs`: steal, allocations that waited for memory reclaim or compaction, major page faults, and how late the idle bench process was woken):",
    '',
    passTable(passes, { rate: options.rate }),
  ].join('\n');
  console.log(`\n${table}\n\n${verdict}\n`);
  if (options.results) log(`results written to ${writeResultsSection(`scale-${when.toISOString()}`, markdown)}`);
}
