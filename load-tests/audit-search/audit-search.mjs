// `npm run bench:audit-search`: how fast officers find one person's events in
// a large audit store. Starts a throwaway PostgreSQL (or uses --reuse),
// creates the store with `migrateAuditStore`, fills it with synthetic chained
// events (COPY, parallel loaders), VACUUM ANALYZE, then times
// `searchAuditEvents` (first page of 50, newest first) for random, chronic,
// heavy and absent persons, prints a table, the store's size and the plan
// (EXPLAIN ANALYZE, BUFFERS), and adds a dated section to RESULTS.md.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openAuditDatabase, TrustedKeys, verifyAuditStore } from '@cmb/audit-store';
import pg from 'pg';
import { findPostgresBin, startPostgres } from '../../scripts/lib/postgres.mjs';
import { generateStore } from './generate-store.mjs';
import { explainSearch, explainSingleStatement, measureSearches, searchGroups } from './measure.mjs';
import { describeMachine, printTable, resultsSection, storeSizes } from './report.mjs';
import { writeResultsSection } from '../bench/results.mjs';
import { benchKeyring, HEAVY_PERSONS, storePlan } from './synthetic-events.mjs';

const USAGE = `npm run bench:audit-search -- [options]

  --events N          events generated (default 10000000)
  --persons N         synthetic persons (default 1000000)
  --months N          calendar months the events span, this one included (up to
                      today 00:00 UTC; default 12)
  --queries N         random persons searched (default 200; the other groups take up to 50)
  --warmup N          searches before timing (default 20)
  --jobs N            parallel COPY loaders (default 2, at most 4: one per writer group)
  --reuse URL         search the store at URL (made by an earlier run with the same
                      --events/--persons/--months) instead of generating one
  --keep              leave the throwaway cluster running at the end (prints its URL
                      for --reuse and how to remove it)
  --verify            also verify every chain and checkpoint (slow: a full read)
  --no-results        do not write load-tests/RESULTS.md`;

const log = (line) => console.error(line);

function integer(name, raw, min, max) {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return value;
}

function readOptions() {
  const { values } = parseArgs({
    allowNegative: true,
    options: {
      events: { type: 'string', default: '10000000' },
      persons: { type: 'string', default: '1000000' },
      months: { type: 'string', default: '12' },
      queries: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '20' },
      jobs: { type: 'string', default: '2' },
      reuse: { type: 'string' },
      keep: { type: 'boolean', default: false },
      verify: { type: 'boolean', default: false },
      results: { type: 'boolean', default: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return {
    help: values.help,
    events: integer('events', values.events, 1, 60_000_000),
    persons: integer('persons', values.persons, HEAVY_PERSONS, 25_000_000),
    months: integer('months', values.months, 1, 120),
    queries: integer('queries', values.queries, 1, 100_000),
    warmup: integer('warmup', values.warmup, 0, 10_000),
    jobs: integer('jobs', values.jobs, 1, 4),
    reuse: values.reuse ?? null,
    keep: values.keep,
    verify: values.verify,
    results: values.results,
  };
}

/** Settings of the throwaway cluster: room for a bulk load, otherwise PostgreSQL's defaults. */
const CLUSTER_SETTINGS = [
  'shared_buffers = 1GB',
  'maintenance_work_mem = 1GB',
  'max_wal_size = 4GB',
  'checkpoint_timeout = 30min',
  'wal_level = minimal',
  'max_wal_senders = 0',
  'autovacuum = off',
];

const DATABASE = 'cmb_audit_search';

async function createDatabase(clusterUrl) {
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

async function main() {
  let options;
  try {
    options = readOptions();
  } catch (error) {
    log(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    log(USAGE);
    return 0;
  }
  const machine = describeMachine();
  const command = `npm run bench:audit-search${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const plan = storePlan(options);
  let cluster = null;
  const stopCluster = () => {
    if (cluster && !options.keep) cluster.stop();
    cluster = null;
  };
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => {
      log(`${signal}: stopping`);
      stopCluster();
      process.exit(130);
    });
  let db = null;
  try {
    let url = options.reuse;
    let generation = null;
    if (!url) {
      log(`starting a throwaway PostgreSQL cluster (${CLUSTER_SETTINGS.join(', ')})...`);
      cluster = await startPostgres({ settings: CLUSTER_SETTINGS, log });
      url = await createDatabase(cluster.url);
    }
    db = openAuditDatabase({ url, maxConnections: 2 });
    if (!options.reuse) {
      const bin = findPostgresBin();
      if (!bin) throw new Error('psql not found (PostgreSQL client binaries)');
      log(
        `generating ${plan.events.toLocaleString('en-US')} events over ${plan.persons.toLocaleString('en-US')} persons, ${plan.months} months from ${new Date(plan.start).toISOString().slice(0, 10)}, ${plan.writers.length} writers, ${options.jobs} loaders...`,
      );
      generation = await generateStore({ db, url, plan, jobs: options.jobs, psql: join(bin, 'psql'), log });
      const t = generation.timings;
      log(
        `  loaded ${generation.events.toLocaleString('en-US')} events in ${t.load.toFixed(1)} s (${Math.round(generation.events / t.load).toLocaleString('en-US')}/s), ${generation.checkpoints} checkpoints, VACUUM ANALYZE ${t.vacuumAnalyze.toFixed(1)} s`,
      );
      if (options.verify) {
        const started = performance.now();
        const report = await verifyAuditStore(db, new TrustedKeys().add('bench-checkpoint-key', generation.publicKey));
        generation.verification = { ok: report.ok, seconds: (performance.now() - started) / 1000, findings: report.findings.length };
        log(
          `  verification: ${report.ok ? 'every chain and checkpoint holds' : `${report.findings.length} finding(s): ${JSON.stringify(report.findings[0])}`} (${generation.verification.seconds.toFixed(1)} s)`,
        );
      }
    }
    const sizes = await storeSizes(db);
    log(`store: ${sizes.events.toLocaleString('en-US')} events, ${sizes.line}`);

    const keyring = benchKeyring();
    const groups = searchGroups({ persons: options.persons, queries: options.queries, warmup: options.warmup });
    const loadAtStart = machine.load();
    log(`searching (warm-up ${options.warmup}, then ${groups.groups.map((g) => `${g.persons.length} ${g.id}`).join(', ')})...`);
    const { results, compared, mismatches } = await measureSearches(db, keyring, groups, log);
    log(`  pages compared with the single statement's: ${compared}, different: ${mismatches}`);
    const explained = [
      { label: 'a random person, `searchAuditEvents`', statements: await explainSearch(db, keyring, groups.groups[0].persons[0]) },
      { label: 'a heavy person, `searchAuditEvents`', statements: await explainSearch(db, keyring, 0) },
      { label: 'a heavy person, one statement over the whole trail (before)', statements: await explainSingleStatement(db, keyring, 0) },
    ];
    const settings = await db.query(
      "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'server_version')",
    );
    const context = {
      machine,
      loadAtStart,
      command,
      plan,
      options,
      generation,
      sizes,
      results,
      compared,
      mismatches,
      explained,
      settings,
      reused: Boolean(options.reuse),
    };
    printTable(context);
    for (const { label, statements } of explained) {
      statements.forEach(({ sql, params, plan: text }, i) =>
        console.log(
          `\nEXPLAIN (ANALYZE, BUFFERS) for ${label}, statement ${i + 1} of ${statements.length}${params.length > 0 ? ` (then ${params.map(String).join(', ')})` : ''}:\n${sql}\n\n${text}`,
        ),
      );
    }
    if (options.results) {
      const at = new Date();
      const path = writeResultsSection(`audit-search-${at.toISOString()}`, resultsSection(context, at));
      log(`\nadded a section to ${path}`);
    }
    if (options.keep && cluster) {
      log(
        `\nkept the cluster: --reuse ${url}\n  stop and remove it: ${process.getuid?.() === 0 ? 'runuser -u postgres -- ' : ''}${join(findPostgresBin(), 'pg_ctl')} -D ${join(cluster.dir, 'data')} -m fast stop && rm -rf ${cluster.dir}`,
      );
    }
    return mismatches === 0 ? 0 : 1;
  } finally {
    await db?.close().catch(() => undefined);
    stopCluster();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(error.stack ?? String(error));
    process.exit(1);
  },
);
