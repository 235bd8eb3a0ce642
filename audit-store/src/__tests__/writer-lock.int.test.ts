import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditDatabase, type AuditDatabase } from '../database';
import { verifyAuditStore } from '../verify';
import { AuditWriter } from '../writer';
import { auditEvent, signingKey, trustedKeysOf } from './support/audit-fixtures';
import { createAuditTestStore, type AuditTestStore } from './support/audit-test-store';

const key = signingKey('k1');

/**
 * Two processes given the same writer id (PostgreSQL): only the one holding
 * the writer's lock appends; when its lock session is lost, it takes the lock
 * again only if free, and then reads the chain afresh, so the chain never forks.
 */
describe('the writer lock on postgres', () => {
  let store: AuditTestStore;
  let other: AuditDatabase;
  const writers: AuditWriter[] = [];
  const writer = (db: AuditDatabase) => {
    const created = new AuditWriter(db, { writerId: 'gw-shared', signer: key.signer });
    writers.push(created);
    return created;
  };

  beforeAll(async () => {
    store = await createAuditTestStore('postgres', 'audit_writer_lock');
    other = openAuditDatabase(store.config);
  });

  afterAll(async () => {
    for (const w of writers) w.stop();
    await other?.close().catch(() => undefined);
    await store?.drop();
  });

  /** The server processes holding a writer lock on this store. */
  async function lockHolders(): Promise<number[]> {
    const rows = await store.db.query<{ pid: number }>(
      "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    return rows.map((r) => Number(r.pid));
  }

  /** A session's end reaches the server a moment later: waits until those processes have exited (and let their locks go). */
  async function untilGone(pids: number[]): Promise<void> {
    for (let tries = 0; tries < 50; tries += 1) {
      if ((await store.db.query('SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])', [pids])).length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the writer lock was not released within 5 s');
  }

  /**
   * Appends once the writer holds the lock: an attempt to take it that started
   * while the other process still held it fails its batch (fail closed); the
   * next batch tries again.
   */
  async function appendOnceLockFree(w: AuditWriter, n: number): Promise<void> {
    for (let tries = 1; ; tries += 1) {
      try {
        return await w.append(auditEvent(n));
      } catch (error) {
        if (tries === 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Ends the session holding the writer's advisory lock, as a dropped connection would. */
  async function loseTheLock(): Promise<void> {
    const holders = await lockHolders();
    await store.db.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [holders]);
    await untilGone(holders);
  }

  it('lets one process append; the second is refused, then appends after the first lost its lock; the first resumes after it; no fork', async () => {
    const first = writer(store.db);
    await first.append(auditEvent(1));
    const second = writer(other);
    await expect(second.append(auditEvent(2))).rejects.toThrow(/another process is appending to the audit chain of writer "gw-shared"/);
    expect(second.available).toBe(false);

    await loseTheLock();
    await appendOnceLockFree(second, 3);
    await second.append(auditEvent(4));

    const positions = await store.db.query<{ position: number; request_id: string }>(
      "SELECT position, request_id FROM audit_event WHERE writer_id = 'gw-shared' ORDER BY position",
    );
    expect(positions).toEqual([
      { position: 1, request_id: 'req-1' },
      { position: 2, request_id: 'req-3' },
      { position: 3, request_id: 'req-4' },
    ]);
    // The second stops: the first, which has not written since it lost its lock, takes it again and
    // continues the chain where the second left it (its own idea of the chain's head is stale).
    await second.drain();
    second.stop();
    const holders = await lockHolders();
    await other.close();
    await untilGone(holders);
    await first.append(auditEvent(6));
    const last = await store.db.query<{ position: number; request_id: string }>(
      "SELECT position, request_id FROM audit_event WHERE writer_id = 'gw-shared' ORDER BY position DESC LIMIT 1",
    );
    expect(last).toEqual([{ position: 4, request_id: 'req-6' }]);
    await first.drain();
    expect((await verifyAuditStore(store.db, trustedKeysOf(key))).findings).toEqual([]);
  });
});
