import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyRetention } from '../retention';
import { AUDIT_ROLES } from '../schema';
import { verifyAuditStore } from '../verify';
import { signingKey, trustedKeysOf, writeChain } from './support/audit-fixtures';
import { itOn } from '../../../test/support/test-database';
import { AUDIT_ENGINES, createAuditTestStore, type AuditTestStore } from './support/audit-test-store';
import { allowRewrites, deleteEvents, setColumn, storedEvent } from './support/tampering';
import { recordingProgress } from '../../../test/support/recording-progress';

const k1 = signingKey('k1');
const trusted = trustedKeysOf(k1);
const DAY = 24 * 3_600_000;
const JANUARY = Date.parse('2025-01-01T08:00:00.000Z');

/**
 * gw-a: events 1..22 ten days apart from 1 January 2025 (event 10 on 1 April),
 * checkpoints at 5, 10, 15, 20, events 21 and 22 unsealed. gw-b: three
 * unsealed events in June. gw-c: four events in February, all sealed.
 */
function eventAt(n: number): Date {
  if (n >= 200) return new Date(Date.parse('2025-02-15T08:00:00.000Z') + (n - 200) * 3_600_000);
  if (n >= 100) return new Date(Date.parse('2025-06-01T08:00:00.000Z') + (n - 100) * DAY);
  return new Date(JANUARY + (n - 1) * 10 * DAY);
}

/** After event 10 (1 April), before event 15 (21 May): gw-a may lose 1..10. */
const MAY = new Date('2025-05-05T00:00:00.000Z');
/** After every event. */
const NEXT_YEAR = new Date('2026-01-01T00:00:00.000Z');

describe.each(AUDIT_ENGINES)('retention on %s', (engine) => {
  let store: AuditTestStore;

  const positions = async (writerId: string) =>
    (await store.db.query<{ position: number }>('SELECT position FROM audit_event WHERE writer_id = $1 ORDER BY position', [writerId])).map(
      (r) => Number(r.position),
    );
  const count = async (table: string) => Number((await store.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const writer = async (writerId: string) => (await verifyAuditStore(store.db, trusted)).writers.find((w) => w.writerId === writerId);

  beforeAll(async () => {
    store = await createAuditTestStore(engine, 'audit_retention', { partitionsFrom: new Date(JANUARY) });
  });

  afterAll(async () => {
    await store?.drop();
  });

  beforeEach(async () => {
    await store.reset();
    await writeChain(store.db, { writerId: 'gw-a', signer: k1.signer, batches: [5, 5, 5, 5, 2], checkpointEvery: 4, eventAt });
    await writeChain(store.db, { writerId: 'gw-b', signer: k1.signer, batches: [3], checkpointEvery: 1_000, firstEvent: 100, eventAt });
    await writeChain(store.db, {
      writerId: 'gw-c',
      signer: k1.signer,
      batches: [2, 2],
      checkpointEvery: 1_000,
      drain: true,
      firstEvent: 200,
      eventAt,
    });
  });

  it('counts its progress: the events of the chains verified before the purge, then the events purged', async () => {
    const progress = recordingProgress();
    await applyRetention(store.db, { cutoff: MAY, trusted, progress });
    // gw-a (22 events) and gw-c (4) have sealed events before May; gw-b has none to purge and is not verified.
    expect(progress.steps).toEqual([
      { label: 'retention: events verified', total: 26, done: 26 },
      { label: 'retention: events purged', total: 14, done: 14 },
    ]);
    const dryRun = recordingProgress();
    await applyRetention(store.db, { cutoff: NEXT_YEAR, trusted, dryRun: true, progress: dryRun });
    expect(dryRun.steps.at(-1)).toEqual({ label: 'retention: events to purge (dry run)', total: 10, done: 10 });
    const verification = recordingProgress();
    await verifyAuditStore(store.db, trusted, { progress: verification });
    expect(verification.steps).toEqual([{ label: 'verify: audit events', total: 15, done: 15 }]);
  });

  it('purges each chain up to its last checkpoint sealed before the cutoff; every chain still verifies from it', async () => {
    const report = await applyRetention(store.db, { cutoff: MAY, trusted });
    expect(report.writers).toEqual([
      { writerId: 'gw-a', purgedThrough: 10, purged: 10 },
      { writerId: 'gw-b', purgedThrough: null, purged: 0 },
      { writerId: 'gw-c', purgedThrough: 4, purged: 4 },
    ]);
    expect(await positions('gw-a')).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
    expect(await positions('gw-b')).toEqual([1, 2, 3]);
    expect(await positions('gw-c')).toEqual([]);
    expect(await count('audit_checkpoint')).toBe(5);
    const verification = await verifyAuditStore(store.db, trusted);
    expect(verification.ok).toBe(true);
    expect(verification.writers.find((w) => w.writerId === 'gw-a')).toMatchObject({ firstPosition: 11, lastPosition: 22, unsealed: 2 });
    expect(verification.writers.find((w) => w.writerId === 'gw-c')).toMatchObject({ firstPosition: null, events: 0 });
  });

  it('never purges unsealed events, however old', async () => {
    const report = await applyRetention(store.db, { cutoff: NEXT_YEAR, trusted });
    expect(report.writers.map((w) => [w.writerId, w.purgedThrough, w.purged])).toEqual([
      ['gw-a', 20, 20],
      ['gw-b', null, 0],
      ['gw-c', 4, 4],
    ]);
    expect(await positions('gw-a')).toEqual([21, 22]);
    expect(await positions('gw-b')).toEqual([1, 2, 3]);
    expect((await verifyAuditStore(store.db, trusted)).ok).toBe(true);
  });

  it('reports DELETED when one event more than retention purged is deleted', async () => {
    await applyRetention(store.db, { cutoff: MAY, trusted });
    await deleteEvents(store.db, 'gw-a', 11);
    const report = await verifyAuditStore(store.db, trusted);
    expect(report.findings).toEqual([expect.objectContaining({ writerId: 'gw-a', kind: 'DELETED', position: 11 })]);
  });

  it('reports DELETED when the first unsealed event left by retention is deleted', async () => {
    await applyRetention(store.db, { cutoff: NEXT_YEAR, trusted });
    await deleteEvents(store.db, 'gw-a', 21);
    const report = await verifyAuditStore(store.db, trusted);
    expect(report.findings).toEqual([expect.objectContaining({ writerId: 'gw-a', kind: 'DELETED', position: 21 })]);
  });

  it('lets a writer whose events were all purged continue its chain from its last checkpoint', async () => {
    await applyRetention(store.db, { cutoff: MAY, trusted });
    await writeChain(store.db, {
      writerId: 'gw-c',
      signer: k1.signer,
      batches: [2],
      checkpointEvery: 1_000,
      drain: true,
      firstEvent: 210,
      eventAt,
    });
    expect(await positions('gw-c')).toEqual([5, 6]);
    expect(await writer('gw-c')).toMatchObject({ firstPosition: 5, lastPosition: 6, finding: null });
  });

  it('purges nothing on a dry run, and says what it would purge', async () => {
    const report = await applyRetention(store.db, { cutoff: MAY, trusted, dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.writers.map((w) => w.purged)).toEqual([10, 0, 4]);
    expect(report.droppedPartitions).toEqual([]);
    expect(await count('audit_event')).toBe(22 + 3 + 4);
  });

  it('leaves a chain that does not verify untouched: the evidence is kept', async () => {
    await allowRewrites(store.db);
    await setColumn(store.db, (await storedEvent(store.db, 'gw-a', 3)).seq, 'decision', 'REFUSED');
    const report = await applyRetention(store.db, { cutoff: MAY, trusted });
    expect(report.writers[0]).toMatchObject({ writerId: 'gw-a', purged: 0, refused: { kind: 'MODIFIED', position: 3 } });
    expect(report.writers[2]).toMatchObject({ writerId: 'gw-c', purged: 4 });
    expect(await positions('gw-a')).toHaveLength(22);
  });

  itOn('sqlite', engine)('has no partitions to drop', async () => {
    const report = await applyRetention(store.db, { cutoff: MAY, trusted });
    expect(report).toMatchObject({ droppedPartitions: [], partitionsNote: null });
  });

  itOn('postgres', engine)('drops the monthly partitions left empty wholly before the cutoff, as the owner', async () => {
    const report = await applyRetention(store.db, { cutoff: MAY, trusted });
    expect(report.droppedPartitions).toEqual(['audit_event_y2025m01', 'audit_event_y2025m02', 'audit_event_y2025m03']);
    expect(report.partitionsNote).toBeNull();
    const left = await store.db.query<{ relname: string }>(
      "SELECT relname FROM pg_class WHERE relname LIKE 'audit_event_y2025m0%' ORDER BY relname",
    );
    expect(left.map((r) => r.relname)[0]).toBe('audit_event_y2025m04');
    expect((await verifyAuditStore(store.db, trusted)).ok).toBe(true);
  });

  itOn('postgres', engine)('purges as the retention role, and says it may not drop partitions', async () => {
    const retention = await store.loginAs(AUDIT_ROLES.retention);
    const report = await applyRetention(retention, { cutoff: MAY, trusted });
    expect(report.writers.map((w) => w.purged)).toEqual([10, 0, 4]);
    expect(report.droppedPartitions).toEqual([]);
    expect(report.partitionsNote).toMatch(/not permitted.*audit_event_y2025m01/);
    expect((await verifyAuditStore(retention, trusted)).ok).toBe(true);
    expect((await applyRetention(store.db, { cutoff: MAY, trusted })).droppedPartitions).toHaveLength(3);
  });
});

/**
 * Deleting events up to a checkpoint looks like retention; the retention
 * period tells them apart: events sealed inside it may not be missing.
 */
describe.each(AUDIT_ENGINES)('verification with the retention period on %s', (engine) => {
  let store: AuditTestStore;
  const YEAR = 365 * DAY;

  beforeAll(async () => {
    store = await createAuditTestStore(engine, 'audit_retention_period', { partitionsFrom: new Date(Date.now() - 2 * YEAR) });
  });

  afterAll(async () => {
    vi.useRealTimers();
    await store?.drop();
  });

  beforeEach(async () => {
    await store.reset();
  });

  /** A writer's chain as written `ago` milliseconds in the past: events and checkpoints signed then. */
  async function chainWrittenAgo(writerId: string, ago: number): Promise<void> {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - ago });
    try {
      await writeChain(store.db, { writerId, signer: k1.signer, batches: [4, 4], checkpointEvery: 4, eventAt: () => new Date() });
    } finally {
      vi.useRealTimers();
    }
  }

  it('accepts events purged after the retention period, and reports as DELETED events cut from inside it', async () => {
    await chainWrittenAgo('gw-old', 2 * YEAR);
    await chainWrittenAgo('gw-young', 10 * DAY);
    const retainedSince = new Date(Date.now() - YEAR);
    expect((await applyRetention(store.db, { cutoff: retainedSince, trusted })).writers.find((w) => w.writerId === 'gw-old')).toMatchObject(
      { purgedThrough: 8 },
    );
    // An attacker with the owner's rights cuts the young chain exactly up to its first checkpoint.
    await deleteEvents(store.db, 'gw-young', 1, 4);

    expect((await verifyAuditStore(store.db, trusted)).ok).toBe(true);
    const report = await verifyAuditStore(store.db, trusted, { retainedSince });
    expect(report.findings).toEqual([expect.objectContaining({ writerId: 'gw-young', kind: 'DELETED', position: 1 })]);

    // All of a young chain cut, its checkpoints left standing.
    await deleteEvents(store.db, 'gw-young', 5, 8);
    expect((await verifyAuditStore(store.db, trusted, { retainedSince })).findings).toEqual([
      expect.objectContaining({ writerId: 'gw-young', kind: 'DELETED', position: 1 }),
    ]);
    expect((await verifyAuditStore(store.db, trusted)).ok).toBe(true);
  });
});
