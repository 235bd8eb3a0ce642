import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chainEvents, type AuditEvent, type ChainedEvent } from '../event';
import { AUDIT_ROLES } from '../schema';
import { appendEvents } from '../store';
import { verifyAuditStore, type TamperKind, type VerificationReport } from '../verify';
import { auditEvent, signingKey, trustedKeysOf, writeChain } from './support/audit-fixtures';
import { itOn } from '../../../test/support/test-database';
import { AUDIT_ENGINES, createAuditTestStore, type AuditTestStore } from './support/audit-test-store';
import { allowRewrites, deleteEvents, rewriteEvent, setArrayColumn, setColumn, storedEvent, swapRows } from './support/tampering';

const k1 = signingKey('k1');
const trusted = trustedKeysOf(k1);
/** The attacked writer: a chain of the store's own writer login (`<login>:gw-a`), so that login's INSERT-only role may append to it. */
let WRITER = 'gw-a';
/** An intact writer beside it. */
let OTHER = 'gw-b';

/** The one finding a tampering must produce: in the tampered writer only, nothing in the intact one. */
function expectOnlyFinding(report: VerificationReport, kind: TamperKind, position: number, eventId: string | undefined): void {
  expect(report.ok).toBe(false);
  expect(report.findings).toHaveLength(1);
  expect(report.findings[0]).toMatchObject({ writerId: WRITER, kind, position });
  expect(report.findings[0].eventId).toBe(eventId);
}

/** Each store, read by verification in its usual pages and in pages of 2 rows (a page boundary inside every case). */
const CASES = AUDIT_ENGINES.flatMap((engine) => [[engine, 5_000] as const, [engine, 2] as const]);

describe.each(CASES)('tampering with the audit trail on %s, verified %i rows a page', (engine, pageSize) => {
  let store: AuditTestStore;
  /** The events of the attacked writer, in chain order: events[p - 1] is at position p. */
  let events: AuditEvent[];
  const at = (position: number) => events[position - 1].eventId;
  const verify = () => verifyAuditStore(store.db, trusted, { pageSize });

  beforeAll(async () => {
    store = await createAuditTestStore(engine, 'audit_tamper');
    WRITER = `${store.writerLogin}:gw-a`;
    OTHER = `${store.writerLogin}:gw-b`;
  });

  afterAll(async () => {
    await store?.drop();
  });

  beforeEach(async () => {
    await store.reset();
    // Checkpoints at 5, 10, 15, 20 (each batch that reaches 4 unsealed events); 21 and 22 unsealed.
    events = await writeChain(store.db, { writerId: WRITER, signer: k1.signer, batches: [5, 5, 5, 5, 2], checkpointEvery: 4 });
    await writeChain(store.db, { writerId: OTHER, signer: k1.signer, batches: [3, 3], checkpointEvery: 3, firstEvent: 100 });
  });

  it('verifies an intact trail', async () => {
    const report = await verify();
    expect(report.ok).toBe(true);
    expect(report.writers).toEqual([
      expect.objectContaining({
        writerId: WRITER,
        events: 22,
        firstPosition: 1,
        lastPosition: 22,
        checkpoints: 4,
        lastCheckpointPosition: 20,
        unsealed: 2,
        finding: null,
      }),
      expect.objectContaining({ writerId: OTHER, events: 6, checkpoints: 2, unsealed: 0, finding: null }),
    ]);
  });

  describe('MODIFIED', () => {
    it.each([
      ['the body', 'body', (body: string) => body.replace('"fieldPaths":["eligibility.coverage"]', '"fieldPaths":[]')],
      ['the decision', 'decision', () => 'REFUSED'],
      ['the client', 'client_id', () => 'another-client'],
    ] as const)('reports an event whose %s was changed', async (_what, column, change) => {
      await allowRewrites(store.db);
      const row = await storedEvent(store.db, WRITER, 7);
      await setColumn(store.db, row.seq, column, change(row.body));
      expectOnlyFinding(await verify(), 'MODIFIED', 7, at(7));
    });

    it.each([
      ['organisms', ['CNOPS']],
      ['subject_refs', []],
      // A membership added (here, on an event written before they were kept) would let an insurer's officer find it by person.
      ['memberships', ['CNOPS:ref-pseudonym-7']],
    ] as const)(
      "reports an event whose %s column (what an OG's officer and a search by person read) was changed",
      async (column, value) => {
        await allowRewrites(store.db);
        const row = await storedEvent(store.db, WRITER, 7);
        await setArrayColumn(store.db, row.seq, column, [...value]);
        expectOnlyFinding(await verify(), 'MODIFIED', 7, at(7));
      },
    );

    it('reports an event rewritten consistently, body and columns, without its hash', async () => {
      await allowRewrites(store.db);
      await rewriteEvent(store.db, WRITER, 7, (e) => ({ ...e, decision: 'REFUSED', outcome: 'FORBIDDEN' }), 'nothing');
      expectOnlyFinding(await verify(), 'MODIFIED', 7, at(7));
    });

    it('reports an event rewritten with its own hash recomputed: the next event no longer links to it', async () => {
      await allowRewrites(store.db);
      await rewriteEvent(store.db, WRITER, 7, (e) => ({ ...e, clientId: 'another-client' }), 'its-hash');
      expectOnlyFinding(await verify(), 'MODIFIED', 7, at(7));
    });

    it('reports a rewrite with every following hash recomputed at the next signed checkpoint, from the event after the one before', async () => {
      await allowRewrites(store.db);
      await rewriteEvent(store.db, WRITER, 7, (e) => ({ ...e, subjects: [] }), 'following-hashes');
      const report = await verify();
      expectOnlyFinding(report, 'MODIFIED', 6, at(6));
      expect(report.findings[0].detail).toContain('checkpoint signed at 10');
    });
  });

  describe('DELETED', () => {
    it('reports an event deleted from the middle', async () => {
      await deleteEvents(store.db, WRITER, 12);
      expectOnlyFinding(await verify(), 'DELETED', 12, undefined);
    });

    it('reports the tail deleted below a signed checkpoint', async () => {
      await deleteEvents(store.db, WRITER, 18, 22);
      expectOnlyFinding(await verify(), 'DELETED', 18, undefined);
    });

    it('reports the first events deleted when no checkpoint stands before them', async () => {
      await deleteEvents(store.db, WRITER, 1, 3);
      expectOnlyFinding(await verify(), 'DELETED', 1, undefined);
    });
  });

  describe('INSERTED', () => {
    /** A forged event, correctly chained after the event before `position`, at that taken position. */
    function forgedAt(position: number, previousHash: string): { forged: AuditEvent; chained: ChainedEvent[] } {
      const forged = auditEvent(position, { eventId: randomUUID(), decision: 'ALLOWED', clientId: 'cover-story' });
      return { forged, chained: chainEvents(WRITER, { position: position - 1, hash: previousHash }, [forged]).chained };
    }

    it.each([12, 22])(
      "refuses the gateway's INSERT-only role a forged event at the taken position %i (one event a place of a chain)",
      async (position) => {
        const previous = await storedEvent(store.db, WRITER, position - 1);
        const { chained } = forgedAt(position, previous.hash);
        await expect(appendEvents(await store.loginAs(AUDIT_ROLES.writer, store.writerLogin), chained)).rejects.toThrow();
        expect((await verify()).ok).toBe(true);
      },
    );

    /** What the owner can do once it has dropped the unique indexes: verification still tells. */
    async function forgeAt(position: number): Promise<AuditEvent> {
      await allowRewrites(store.db);
      const previous = await storedEvent(store.db, WRITER, position - 1);
      const { forged, chained } = forgedAt(position, previous.hash);
      await appendEvents(store.db, chained);
      return forged;
    }

    it('reports a forged event inserted at a taken position in the middle', async () => {
      const forged = await forgeAt(12);
      expectOnlyFinding(await verify(), 'INSERTED', 12, forged.eventId);
    });

    it('reports a forged event inserted at the last position', async () => {
      const forged = await forgeAt(22);
      expectOnlyFinding(await verify(), 'INSERTED', 22, forged.eventId);
    });
  });

  it('REORDERED: reports two consecutive events whose stored rows were swapped', async () => {
    await allowRewrites(store.db);
    await swapRows(store.db, await storedEvent(store.db, WRITER, 12), await storedEvent(store.db, WRITER, 13));
    expectOnlyFinding(await verify(), 'REORDERED', 12, at(12));
  });

  describe('BAD_CHECKPOINT', () => {
    it('reports a checkpoint whose signature was forged', async () => {
      await allowRewrites(store.db);
      const forged = signingKey('k1').signer.sign({
        writerId: WRITER,
        position: 10,
        hash: 'f'.repeat(64),
        signedAt: new Date().toISOString(),
      });
      await store.db.query('UPDATE audit_checkpoint SET hash = $1, signature = $2 WHERE writer_id = $3 AND position = 10', [
        forged.hash,
        forged.signature,
        WRITER,
      ]);
      expectOnlyFinding(await verify(), 'BAD_CHECKPOINT', 10, undefined);
    });

    it.each([
      ['a trusted key id with another key', 'k1'],
      ['an unknown key id', 'attacker'],
    ])('reports a checkpoint added under %s', async (_case, keyId) => {
      const head = await storedEvent(store.db, WRITER, 22);
      await appendEvents(
        await store.loginAs(AUDIT_ROLES.writer, store.writerLogin),
        [],
        signingKey(keyId).signer.sign({ writerId: WRITER, position: 22, hash: head.hash, signedAt: new Date().toISOString() }),
      );
      expectOnlyFinding(await verify(), 'BAD_CHECKPOINT', 22, undefined);
    });

    it('reports a rewritten chain re-sealed with checkpoints the attacker signed', async () => {
      await allowRewrites(store.db);
      await rewriteEvent(store.db, WRITER, 7, (e) => ({ ...e, subjects: [] }), 'following-hashes');
      const attacker = signingKey('k1');
      for (const position of [10, 15, 20]) {
        const { hash } = await storedEvent(store.db, WRITER, position);
        const resigned = attacker.signer.sign({ writerId: WRITER, position, hash, signedAt: new Date().toISOString() });
        await store.db.query('UPDATE audit_checkpoint SET hash = $1, signature = $2 WHERE writer_id = $3 AND position = $4', [
          hash,
          resigned.signature,
          WRITER,
          position,
        ]);
      }
      expectOnlyFinding(await verify(), 'BAD_CHECKPOINT', 10, undefined);
    });
  });

  itOn('postgres', engine)(
    "refuses the gateway's role any UPDATE, DELETE or TRUNCATE, and the owner's UPDATE while the trigger stands",
    async () => {
      const gateway = await store.loginAs(AUDIT_ROLES.writer);
      await expect(gateway.query("UPDATE audit_event SET decision = 'REFUSED' WHERE position = 7")).rejects.toThrow(/permission denied/);
      await expect(gateway.query('DELETE FROM audit_event WHERE position = 7')).rejects.toThrow(/permission denied/);
      await expect(gateway.query('DELETE FROM audit_checkpoint')).rejects.toThrow(/permission denied/);
      await expect(gateway.query('TRUNCATE audit_event')).rejects.toThrow(/permission denied/);
      await expect(store.db.query("UPDATE audit_event SET decision = 'REFUSED' WHERE position = 7")).rejects.toThrow(/append-only/);
      await expect(store.db.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
      await expect(store.db.query('TRUNCATE audit_checkpoint')).rejects.toThrow(/append-only/);
      expect((await verify()).ok).toBe(true);
    },
  );

  itOn('postgres', engine)('refuses the retention role any change to checkpoints: a deleted one would hide a cut tail', async () => {
    const retention = await store.loginAs(AUDIT_ROLES.retention);
    await expect(retention.query('DELETE FROM audit_checkpoint WHERE position = 20')).rejects.toThrow(/permission denied/);
    await expect(retention.query("UPDATE audit_event SET decision = 'REFUSED' WHERE position = 7")).rejects.toThrow(/permission denied/);
  });

  it('refuses an UPDATE of an event, and an UPDATE or DELETE of a checkpoint, while the triggers stand', async () => {
    await expect(store.db.query("UPDATE audit_event SET decision = 'REFUSED' WHERE position = 7")).rejects.toThrow(/append-only/);
    await expect(store.db.query("UPDATE audit_checkpoint SET hash = 'x' WHERE position = 20")).rejects.toThrow(/append-only/);
    await expect(store.db.query('DELETE FROM audit_checkpoint WHERE position = 20')).rejects.toThrow(/append-only/);
    expect((await verify()).ok).toBe(true);
  });
});
