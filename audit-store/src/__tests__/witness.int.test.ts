import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openAuditDatabase, type AuditDatabase } from '../database';
import { verifyAuditStore } from '../verify';
import { migrateAuditWitness, witnessedCheckpoints } from '../witness';
import { AuditWriter } from '../writer';
import { auditEvent, signingKey, trustedKeysOf } from './support/audit-fixtures';
import { AUDIT_ENGINES, createAuditTestStore, type AuditTestStore } from './support/audit-test-store';
import { allowRewrites, deleteEvents } from './support/tampering';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';

const k1 = signingKey('k1');
const trusted = trustedKeysOf(k1);
const WRITER = 'gw-witnessed';

/** What the store's owner does to cut a sealed tail: its events, then the checkpoint that sealed them. */
async function cutTail(db: AuditDatabase, from: number, to: number): Promise<void> {
  await allowRewrites(db);
  await db.execScript(
    db.dialect === 'postgres'
      ? 'ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_no_delete;'
      : 'DROP TRIGGER IF EXISTS audit_checkpoint_no_delete;',
  );
  await deleteEvents(db, WRITER, from, to);
  await db.query('DELETE FROM audit_checkpoint WHERE writer_id = $1 AND position >= $2', [WRITER, from]);
}

/** Appends events numbered from `first` through a writer of {@link WRITER}, then stops it the way every stop path does: drained, sealed. */
async function appendAndStop(store: AuditDatabase, witness: AuditDatabase | undefined, first: number, count: number): Promise<void> {
  const writer = new AuditWriter(store, { writerId: WRITER, signer: k1.signer, checkpointEvery: 4, witness });
  try {
    for (let n = first; n < first + count; n += 1) await writer.append(auditEvent(n));
    await writer.drain();
  } finally {
    writer.stop();
  }
}

describe.each(AUDIT_ENGINES)('the witness of the checkpoints on %s', (engine) => {
  let store: AuditTestStore;
  let witnessDatabase: TestDatabase;
  let witness: AuditDatabase;

  beforeAll(async () => {
    store = await createAuditTestStore(engine, 'audit_witnessed');
    witnessDatabase = await createTestDatabase(engine, 'audit_witness');
    witness = openAuditDatabase({ url: witnessDatabase.config.url, sqlitePath: witnessDatabase.config.sqlitePath });
    await migrateAuditWitness(witness);
  });

  afterAll(async () => {
    await witness?.close();
    await witnessDatabase?.drop();
    await store?.drop();
  });

  beforeEach(async () => {
    await store.reset();
    // The witness is append-only even to its owner: each test writes its own writer's rows afresh.
    await witness.execScript(
      engine === 'postgres'
        ? 'ALTER TABLE audit_witness_checkpoint DISABLE TRIGGER audit_witness_checkpoint_append_only; DELETE FROM audit_witness_checkpoint; ALTER TABLE audit_witness_checkpoint ENABLE TRIGGER audit_witness_checkpoint_append_only;'
        : 'DROP TRIGGER audit_witness_checkpoint_no_delete; DELETE FROM audit_witness_checkpoint;',
    );
    await migrateAuditWitness(witness);
    await appendAndStop(store.db, witness, 1, 10);
  });

  it('holds a copy of every checkpoint, the one sealed at stop included', async () => {
    expect((await witnessedCheckpoints(witness, WRITER)).map((c) => c.position)).toEqual([4, 8, 10]);
    const report = await verifyAuditStore(store.db, trusted, { witness });
    expect(report.ok).toBe(true);
    expect(report.writers[0]).toMatchObject({ writerId: WRITER, events: 10, unsealed: 0 });
  });

  it('catches a sealed tail cut with its checkpoint, which the store alone no longer shows', async () => {
    await cutTail(store.db, 9, 10);
    expect((await verifyAuditStore(store.db, trusted)).ok).toBe(true);
    const report = await verifyAuditStore(store.db, trusted, { witness });
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'DELETED', writerId: WRITER, position: 9 })]);
    expect(report.findings[0].detail).toContain('witness');
  });

  it('catches a tail cut and sealed again at the cut by a restarted writer, its chain continued', async () => {
    await cutTail(store.db, 9, 10);
    // The gateway restarts on the cut chain: it appends 9 and 10 anew and seals them, with a valid signature.
    await appendAndStop(store.db, undefined, 109, 2);
    expect((await verifyAuditStore(store.db, trusted)).ok).toBe(true);
    const report = await verifyAuditStore(store.db, trusted, { witness });
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'MODIFIED', writerId: WRITER, position: 10 })]);
  });

  it('catches a writer removed whole from the store', async () => {
    await cutTail(store.db, 1, 10);
    const report = await verifyAuditStore(store.db, trusted, { witness });
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'DELETED', writerId: WRITER, position: 1 })]);
  });

  it('refuses to change or remove what it holds', async () => {
    await expect(witness.query("UPDATE audit_witness_checkpoint SET hash = 'x'")).rejects.toThrow(/append-only/);
    await expect(witness.query('DELETE FROM audit_witness_checkpoint')).rejects.toThrow(/append-only/);
  });
});
