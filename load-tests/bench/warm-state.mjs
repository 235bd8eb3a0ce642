// The cache state of a steady national load, for the --scale study: a
// registry that answers checks all day has the data of its hot path in
// memory. A cluster just seeded (or a kept one just restarted) has none of
// it, and its first minutes measure disk reads, not the gateway: the p99 of
// a 20 s run at 10 million persons was mostly those misses.
//
// Where that memory is matters on this kind of machine. The operating
// system's page cache does not keep it: these virtual machines run DAMON
// proactive reclaim (kdamond, scheme `pageout` for pages not accessed for
// about a minute, whatever the free memory), and a national load reads the
// hot path at random, each page of 10 million persons' rows about once an
// hour. Warmed into the page cache, half of the hot path's files were gone
// again within the eight passes of one study (fincore), and the checks that
// met those pages waited on the disk (PostgreSQL in IO DataFileRead, fetches
// to beneficiaries over 100 ms in most passes at 10 million, never at
// 10,000). A database server sized for the registry keeps its hot set
// resident; here the one place that does is PostgreSQL's shared buffers
// (shared memory, which proactive reclaim cannot page out without swap).
//
// So the sizes share half the machine's memory as shared buffers, in
// proportion to their persons (at 10 million persons the databases of the
// path are 8.2 GB; a quarter of 24 GB did not hold them). Before the warm-up
// every table and index of the databases of the subgraphs on the path is
// loaded into them (pg_prewarm, shipped with PostgreSQL) and the cluster
// checkpointed, so its checkpointer stays idle while another size is
// measured. Only those databases: the other subgraphs' data (medical
// records, claims, medicines) is not read by an eligibility check and stays
// cold under that load.
import { totalmem } from 'node:os';
import pg from 'pg';
import { HOT_SUBGRAPHS } from './mix.mjs';

/** The least shared buffers a cluster of the study gets: the 256 MB of the benchmark's other clusters. */
const MIN_SHARED_BUFFERS_MB = 256;

/**
 * Shared buffers of one size of the scale study. All sizes run side by side
 * and shared buffers cannot be paged out, so together they get half the
 * machine's memory, shared in proportion to their persons (the path's data
 * grows with them), never less than 256 MB each.
 */
export function steadySharedBuffersMb(persons, allSizes = [persons], totalBytes = totalmem()) {
  const budgetMb = totalBytes / 2 / 1048576;
  const everyone = allSizes.reduce((sum, size) => sum + size, 0);
  return Math.max(MIN_SHARED_BUFFERS_MB, Math.floor((budgetMb * persons) / everyone));
}

/** The database of one subgraph on the cluster at `postgresUrl`. */
function databaseUrl(postgresUrl, subgraph) {
  const url = new URL(postgresUrl);
  url.pathname = `/cmb_${subgraph.replace(/-/g, '_')}`;
  return url.toString();
}

/**
 * Loads every table and index of the databases of the subgraphs on the path
 * into shared buffers, then checkpoints the cluster. Returns the seconds it
 * took and the MB read, for the report.
 */
export async function prewarmAll(postgresUrl) {
  const started = Date.now();
  let blocks = 0;
  for (const name of HOT_SUBGRAPHS) {
    const client = new pg.Client({ connectionString: databaseUrl(postgresUrl, name) });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
      const { rows } = await client.query(
        `SELECT COALESCE(SUM(pg_prewarm(c.oid, 'buffer')), 0)::bigint AS blocks
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')`,
      );
      blocks += Number(rows[0]?.blocks ?? 0);
    } finally {
      await client.end();
    }
  }
  // Written out now, so the cluster's checkpointer has nothing left to do while the other sizes are measured.
  const cluster = new pg.Client({ connectionString: postgresUrl });
  await cluster.connect();
  try {
    await cluster.query('CHECKPOINT');
  } finally {
    await cluster.end();
  }
  return { seconds: (Date.now() - started) / 1000, megabytes: (blocks * 8) / 1024 };
}
