// `npm run bench`: the side-by-side gateway benchmark. Starts the storage, the
// audit store and the six subgraphs once, then every contestant on its own loopback port
// against them (the floor, this gateway, stock Apollo Gateway, Hive Gateway,
// Hive + router-runtime), verifies they agree, and measures each in
// alternating order (A B C D E E D C B A ...): throughput at saturation,
// latency at a fixed rate, CPU per request, peak memory, upstream work.
// Prints one table and adds a dated section to load-tests/RESULTS.md.
// `--scale` runs the dataset-size study instead (scale.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPHS } from '../../scripts/lib/federation.mjs';
import { isInterrupted, onCleanup } from './cleanup.mjs';
import { runLoadCommand } from './command.mjs';
import { measureVisit } from './measure/visit.mjs';
import { openStatementCounter } from './measure/statements.mjs';
import { passOrder, ratioSpread } from './measure/stats.mjs';
import { summarize } from './measure/table.mjs';
import { readOptions, USAGE } from './options.mjs';
import { comparisonReport } from './report.mjs';
import { writeResultsSection } from './results.mjs';
import { runScale } from './scale.mjs';
import { provideAuditStore } from './audit-store.mjs';
import { startContestants, startFederationContext } from './setup.mjs';
import { provideStorage } from './storage.mjs';
import { verifyContestants } from './verify.mjs';
import { loadPersonas, writeWorkload } from './workload.mjs';

// A development tool on synthetic data: any NODE_ENV but development or test is production, which refuses the development keys.
process.env.NODE_ENV ??= 'development';

const log = (line) => console.error(line);

/** A subgraph or PostgreSQL died: the whole run is void, not only one contestant. */
class SharedProcessDied extends Error {}

/** Fails the whole run when a shared process died: every later number would be wrong. */
function assertSharedAlive(subgraphs, storage) {
  for (const subgraph of Object.values(subgraphs)) {
    const { child } = subgraph;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new SharedProcessDied(
        `subgraph ${subgraph.name} (pid ${child.pid}) exited (${child.signalCode ?? `code ${child.exitCode}`}) during the run; its last output:\n${child.recentOutput?.() || '(none)'}`,
      );
    }
  }
  const postmaster = storage.postmasterPid();
  if (storage.postgresUrl && postmaster === null) throw new SharedProcessDied('PostgreSQL stopped during the run (no postmaster.pid)');
  if (postmaster !== null) {
    try {
      process.kill(postmaster, 0);
    } catch {
      throw new SharedProcessDied(`PostgreSQL (pid ${postmaster}) stopped during the run`);
    }
  }
}

function describeVisit(visit) {
  const { closed, rate } = visit;
  return `${closed.rps.toFixed(0)} req/s, CPU ${closed.cpuMsPerRequest?.toFixed(2)} ms/req; at ${rate.requests} req: p50 ${rate.p50.toFixed(1)} p99 ${rate.p99.toFixed(1)} ms; errors ${closed.errors + rate.errors}${rate.dropped ? `, dropped ${rate.dropped}` : ''}`;
}

/**
 * The cost of the FHIR facade as ratios to the GraphQL path of the same
 * gateway, pass by pass in the same run (median and range): requests per
 * second at saturation, CPU per request, p50 at the fixed rate; null unless
 * both were measured.
 */
function facadeCost(visits) {
  const fhir = visits.get('cmb-gateway-fhir') ?? [];
  const graphql = visits.get('cmb-gateway') ?? [];
  if (fhir.length === 0 || graphql.length === 0) return null;
  const ratio = (pick) => ratioSpread(fhir.map(pick), graphql.map(pick));
  return {
    passes: Math.min(fhir.length, graphql.length),
    rps: ratio((v) => v.closed.rps),
    cpu: ratio((v) => v.closed.cpuMsPerRequest),
    p50: ratio((v) => v.rate.p50),
  };
}

async function runComparison(options, { k6, info }) {
  if (options.duration + 30 > 300 && options.contestants.some((c) => c.usesIssuer))
    log(
      `warning: runs of ${options.duration} s outlive the 5-minute tokens of the development issuer: expect UNAUTHENTICATED errors near the end`,
    );
  const work = mkdtempSync(join(tmpdir(), 'cmb-bench-'));
  onCleanup('work directory', () => rmSync(work, { recursive: true, force: true }));
  const personas = loadPersonas();

  const storage = await provideStorage({ kind: options.storage, persons: options.persons, reuse: options.reuse, log });
  onCleanup('storage', () => storage.stop());
  const statements = storage.postgresUrl ? await openStatementCounter(storage.postgresUrl) : null;
  if (statements) onCleanup('statement counter', () => statements.close());

  log('starting the audit store (PostgreSQL, durable commits)...');
  const audit = await provideAuditStore({ log });
  onCleanup('audit store', () => audit.stop());
  log(`starting the ${SUBGRAPHS.length} subgraphs...`);
  const ctx = await startFederationContext({
    storage,
    audit,
    contestants: options.contestants,
    work,
    persons: options.persons,
    personas,
    quiet: !options.verbose,
  });
  const { subgraphs, contextKey } = ctx;
  const contestants = await startContestants(options.contestants, ctx, log);

  log('verifying that the contestants agree...');
  const verification = await verifyContestants(contestants, { personas, persons: options.persons, contextKey });
  log(`  ${verification.checks} checks passed${verification.warnings.length ? `; ${verification.warnings.length} warnings` : ''}`);
  for (const warning of verification.warnings) log(`  warning: ${warning}`);

  const setup = {
    k6,
    workloadPath: writeWorkload(work, { persons: options.persons, personas }),
    vus: options.vus,
    rate: options.rate,
    duration: options.duration,
    warmup: options.warmup,
    subgraphPids: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.child.pid])),
    postgresPid: storage.postmasterPid,
    statements,
  };
  const visits = new Map(contestants.map((c) => [c.id, []]));
  const failures = new Map();
  const perVisit = 2 * (options.warmup + options.duration) + 6;
  log(
    `measuring ${contestants.length} contestants × ${options.passes} passes (about ${Math.ceil((contestants.length * options.passes * perVisit) / 60)} min)...`,
  );
  for (let pass = 0; pass < options.passes; pass += 1) {
    for (const contestant of passOrder(contestants, pass)) {
      if (isInterrupted()) throw new Error('interrupted');
      if (failures.has(contestant.id)) continue;
      assertSharedAlive(subgraphs, storage);
      try {
        const { child } = contestant;
        if (child && (child.exitCode !== null || child.signalCode !== null)) {
          throw new Error(
            `process ${child.pid} exited (${child.signalCode ?? `code ${child.exitCode}`}); last output: ${child.recentOutput?.() || '(none)'}`,
          );
        }
        const visit = await measureVisit(contestant, setup);
        assertSharedAlive(subgraphs, storage);
        visits.get(contestant.id).push(visit);
        log(`  pass ${pass + 1}/${options.passes} ${contestant.name}: ${describeVisit(visit)}`);
      } catch (error) {
        if (error instanceof SharedProcessDied || isInterrupted()) throw error;
        failures.set(contestant.id, error.message.split('\n')[0]);
        log(`  pass ${pass + 1}/${options.passes} ${contestant.name}: FAILED: ${error.message}`);
      }
    }
  }

  const measured = contestants.filter((c) => visits.get(c.id).length > 0);
  const baselineVisits = (kind) => {
    const baseline = contestants.find((c) => c.baseline === kind);
    return baseline && visits.get(baseline.id).length > 0 ? visits.get(baseline.id) : null;
  };
  const baselines = { apollo: baselineVisits('apollo'), floor: baselineVisits('floor') };
  const summaries = measured.map((c) => summarize(c, visits.get(c.id), baselines));
  const facade = facadeCost(visits);
  const report = comparisonReport({ options, info, storage, contestants, ctx, statements, verification, failures, summaries, facade });
  console.log(report.text);
  if (options.results) log(`results written to ${writeResultsSection(report.id, report.markdown)}`);
  if (failures.size > 0) process.exitCode = 1;
}

await runLoadCommand({
  name: 'benchmark',
  usage: USAGE,
  readOptions,
  log,
  run: (options, { k6, info }) => (options.scale ? runScale(options, { k6, info, log }) : runComparison(options, { k6, info })),
});
