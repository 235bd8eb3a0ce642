import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointRow } from '../rows';
import { openAuditDatabase, type AuditDatabase } from '../database';
import { GENESIS } from '../event';
import { migrateAuditStore } from '../schema';
import { verifyAuditStore } from '../verify';
import { AuditWriter, type AuditWriterOptions } from '../writer';
import { auditEvent, instrumented, signingKey, trustedKeysOf, type InstrumentedDatabase } from './support/audit-fixtures';

const key = signingKey('k1');

describe('AuditWriter', () => {
  let store: AuditDatabase;
  let db: InstrumentedDatabase;
  const writers: AuditWriter[] = [];

  function writer(options: Partial<AuditWriterOptions> = {}): AuditWriter {
    const created = new AuditWriter(db, { writerId: 'gw-1', signer: key.signer, checkpointEvery: 1_000, ...options });
    writers.push(created);
    return created;
  }

  async function chain() {
    return db.query<{ position: number; event_id: string; previous_hash: string; hash: string }>(
      "SELECT position, event_id, previous_hash, hash FROM audit_event WHERE writer_id = 'gw-1' ORDER BY position",
    );
  }

  async function checkpointPositions(): Promise<number[]> {
    return (await db.query('SELECT * FROM audit_checkpoint ORDER BY position')).map((row) => checkpointRow(row).position);
  }

  beforeEach(async () => {
    store = openAuditDatabase({ sqlitePath: ':memory:' });
    await migrateAuditStore(store);
    db = instrumented(store);
  });

  afterEach(async () => {
    for (const w of writers.splice(0)) w.stop();
    await store.close();
  });

  it('commits many events arriving together in few transactions, chained in arrival order', async () => {
    const events = Array.from({ length: 120 }, (_, i) => auditEvent(i));
    const w = writer({ maxBatch: 50 });
    await Promise.all(events.map((event) => w.append(event)));
    expect(db.transactions).toBe(3);
    const rows = await chain();
    expect(rows.map((r) => r.event_id)).toEqual(events.map((e) => e.eventId));
    expect(rows.map((r) => r.position)).toEqual(events.map((_, i) => i + 1));
    expect(rows[0].previous_hash).toBe(GENESIS);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i].previous_hash).toBe(rows[i - 1].hash);
  });

  it('resolves an append only once its transaction has committed', async () => {
    let release = () => undefined as void;
    db.gate = new Promise<void>((resolve) => (release = resolve));
    let resolved = false;
    const appended = writer()
      .append(auditEvent(1))
      .then(() => (resolved = true));
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(db.transactions).toBe(1);
    expect(resolved).toBe(false);
    release();
    await appended;
    expect(resolved).toBe(true);
    expect(await chain()).toHaveLength(1);
  });

  it('rejects every append of a failed batch and resumes the chain from the last committed link', async () => {
    const w = writer();
    await Promise.all([w.append(auditEvent(1)), w.append(auditEvent(2))]);
    db.failures = 1;
    const failed = await Promise.allSettled([3, 4, 5].map((n) => w.append(auditEvent(n))));
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const next = auditEvent(6);
    await w.append(next);
    const rows = await chain();
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3]);
    expect(rows[2].event_id).toBe(next.eventId);
    expect(rows[2].previous_hash).toBe(rows[1].hash);
    expect((await verifyAuditStore(db, trustedKeysOf(key))).ok).toBe(true);
  });

  it('continues the chain of a restarted writer from what is stored', async () => {
    const first = writer();
    await first.append(auditEvent(1));
    first.stop();
    await writer().append(auditEvent(2));
    const rows = await chain();
    expect(rows.map((r) => r.position)).toEqual([1, 2]);
    expect(rows[1].previous_hash).toBe(rows[0].hash);
  });

  it('signs a checkpoint once every N events, in the transaction of the batch that reaches N', async () => {
    const w = writer({ checkpointEvery: 5 });
    for (let batch = 0; batch < 4; batch += 1) await Promise.all([1, 2, 3].map((n) => w.append(auditEvent(batch * 3 + n))));
    expect(await checkpointPositions()).toEqual([6, 12]);
    expect(db.transactions).toBe(4);
  });

  it('seals the unsealed tail on drain, and only once', async () => {
    const w = writer({ checkpointEvery: 5 });
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => w.append(auditEvent(n))));
    expect(await checkpointPositions()).toEqual([7]);
    await Promise.all([8, 9].map((n) => w.append(auditEvent(n))));
    await Promise.all([w.drain(), w.seal(), w.drain()]);
    await w.drain();
    expect(await checkpointPositions()).toEqual([7, 9]);
    const report = await verifyAuditStore(db, trustedKeysOf(key));
    expect(report.ok).toBe(true);
    expect(report.writers[0]).toMatchObject({ events: 9, checkpoints: 2, lastCheckpointPosition: 9, unsealed: 0 });
  });

  it('waits on drain for the events still queued', async () => {
    const w = writer();
    const appended = [1, 2, 3].map((n) => w.append(auditEvent(n)));
    await w.drain();
    expect(await chain()).toHaveLength(3);
    expect(await checkpointPositions()).toEqual([3]);
    await Promise.all(appended);
  });

  it('seals, as soon as it starts, the events a previous run of the same writer left unsealed (a crash)', async () => {
    const crashed = writer();
    await Promise.all([1, 2, 3].map((n) => crashed.append(auditEvent(n))));
    crashed.stop();
    expect(await checkpointPositions()).toEqual([]);

    const restarted = writer();
    await restarted.append(auditEvent(4));
    await restarted.seal();
    expect(await checkpointPositions()).toEqual([3, 4]);
    const report = await verifyAuditStore(db, trustedKeysOf(key));
    expect(report.writers).toEqual([expect.objectContaining({ writerId: 'gw-1', events: 4, unsealed: 0, finding: null })]);
  });
});
