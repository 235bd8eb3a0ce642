// The audit store of the benchmark's gateways, as in production: its own
// PostgreSQL cluster with durable commits (fsync and synchronous_commit on,
// unlike the subgraphs' throwaway cluster), migrated by its owner.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { postmasterPid, startPostgres } from '../../scripts/lib/postgres.mjs';

const require = createRequire(import.meta.url);
const { migrateAuditStore, openAuditDatabase } = require('../../audit-store/dist/index.js');

/**
 * Starts the durable audit cluster; returns the gateway's audit environment,
 * the cluster's URL and postmaster pid (for CPU readings) and a stop function.
 * `settings`: extra postgresql.conf lines (the profile preloads pg_stat_statements).
 */
export async function provideAuditStore({ log, settings = [] }) {
  const cluster = await startPostgres({ log, settings: ['fsync = on', 'synchronous_commit = on', 'full_page_writes = on', ...settings] });
  try {
    const db = openAuditDatabase({ url: cluster.url });
    await migrateAuditStore(db);
    await db.close();
  } catch (error) {
    cluster.stop();
    throw error;
  }
  return {
    env: { AUDIT_DATABASE_URL: cluster.url },
    url: cluster.url,
    postmasterPid: () => postmasterPid(join(cluster.dir, 'data')),
    stop: () => cluster.stop(),
  };
}
