// The cache state of a steady national load, for the --scale study: a
// registry that answers checks all day has the data of the hot path in
// memory: the indexes it reads in PostgreSQL's shared buffers, its tables in
// the operating system's page cache. A cluster just seeded (or a kept one
// just restarted) has neither, and its first minutes measure disk reads, not
// the gateway: the p99 of a 20 s run at 10 million persons was mostly those
// misses. So each size is measured after the state a steady load reaches:
// shared buffers sized as a production database server would have them (a
// quarter of the memory, at most 4 GB), every index of the databases of the
// subgraphs on the path loaded into them and every table of those databases
// read into the page cache (pg_prewarm, shipped with PostgreSQL). Only those:
// the other subgraphs' data (medical records, claims, medicines) is not read
// by an eligibility check and stays cold under that load; reading it too
// (4 GB more at 10 million persons) made this 24 GB machine evict part of the
// hot path's pages during the runs, and the checks that met them waited on
// the disk (beneficiaries fetches over 100 ms in most passes at 10 million).
// For the same reason the study first empties the page cache of what earlier
// runs left (clean pages only; root only): pages read once by a prewarm sit
// on the kernel's inactive list beside a previous run's, and some of the hot
// path went before the old ones did (PostgreSQL waiting on DataFileRead).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import pg from 'pg';
import { HOT_SUBGRAPHS } from './mix.mjs';

/** Shared buffers of the scale study: a quarter of the machine's memory, between 256 MB and 4 GB. */
export function steadySharedBuffersMb(totalBytes = totalmem()) {
  return Math.max(256, Math.min(4096, Math.floor(totalBytes / 4 / 1048576)));
}

/**
 * Drops the clean pages of the operating system's page cache (Linux, as
 * root: `sync`, then 1 into /proc/sys/vm/drop_caches), so the prewarm that
 * follows leaves the hot path alone in memory. Returns why it could not.
 */
export function emptyPageCache() {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return { emptied: false, why: 'not root on Linux' };
  try {
    execFileSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '1');
    return { emptied: true };
  } catch (error) {
    return { emptied: false, why: error instanceof Error ? error.message : String(error) };
  }
}

/** The database of one subgraph on the cluster at `postgresUrl`. */
function databaseUrl(postgresUrl, subgraph) {
  const url = new URL(postgresUrl);
  url.pathname = `/cmb_${subgraph.replace(/-/g, '_')}`;
  return url.toString();
}

/**
 * Loads every index of the databases of the subgraphs on the path into shared
 * buffers and reads every table of them into the page cache. Returns the
 * seconds it took and the MB read, for the report.
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
        `SELECT COALESCE(SUM(pg_prewarm(c.oid, CASE WHEN c.relkind = 'i' THEN 'buffer' ELSE 'read' END)), 0)::bigint AS blocks
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')`,
      );
      blocks += Number(rows[0]?.blocks ?? 0);
    } finally {
      await client.end();
    }
  }
  return { seconds: (Date.now() - started) / 1000, megabytes: (blocks * 8) / 1024 };
}
