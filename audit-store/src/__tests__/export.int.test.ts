import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkHash } from '../event';
import { exportAuditEvents } from '../export';
import { jsonLine, syslogLine } from '../export-formats';
import { auditEvent, signingKey, writeChain } from './support/audit-fixtures';
import { AUDIT_ENGINES, createAuditTestStore, type AuditTestStore } from './support/audit-test-store';

const k1 = signingKey('k1');

/** A consumer slower than the store, with a one-byte buffer: it asks the exporter to wait after every line. */
function slowSink() {
  const sink = Object.assign(
    new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        sink.maxBuffered = Math.max(sink.maxBuffered, sink.writableLength);
        sink.lines.push(chunk.toString('utf8'));
        setImmediate(done);
      },
    }),
    { lines: [] as string[], maxBuffered: 0 },
  );
  return sink;
}

describe.each(AUDIT_ENGINES)('export on %s', (engine) => {
  let store: AuditTestStore;

  beforeAll(async () => {
    store = await createAuditTestStore(engine, 'audit_export');
    // Two writers whose events occur at the same instants: the keyset must break the ties by seq.
    await writeChain(store.db, { writerId: 'gw-a', signer: k1.signer, batches: [4, 4], checkpointEvery: 4 });
    await writeChain(store.db, { writerId: 'gw-b', signer: k1.signer, batches: [4, 4], checkpointEvery: 4 });
  });

  afterAll(async () => {
    await store?.drop();
  });

  it('streams every event once, in time then storage order, page after page, waiting for a slow consumer', async () => {
    const sink = slowSink();
    const count = await exportAuditEvents(store.db, sink, jsonLine, { pageSize: 3 });
    expect(count).toBe(16);
    const events = sink.lines.map((line) => JSON.parse(line) as { seq: number; occurredAt: string; eventId: string });
    expect(new Set(events.map((e) => e.eventId)).size).toBe(16);
    for (let i = 1; i < events.length; i += 1) {
      const [before, after] = [events[i - 1], events[i]];
      expect(before.occurredAt < after.occurredAt || (before.occurredAt === after.occurredAt && before.seq < after.seq)).toBe(true);
    }
    expect(Math.max(...sink.lines.map((l) => Buffer.byteLength(l)))).toBeGreaterThanOrEqual(sink.maxBuffered);
  });

  it('exports lines from which the chain can be recomputed', async () => {
    const sink = slowSink();
    await exportAuditEvents(store.db, sink, jsonLine);
    for (const line of sink.lines) {
      const { seq: _seq, previousHash, hash, ...body } = JSON.parse(line) as Record<string, unknown>;
      expect(linkHash(String(previousHash), JSON.stringify(body))).toBe(hash);
    }
  });

  it('exports a time range: since included, until excluded', async () => {
    const sink = slowSink();
    const range = { since: new Date(auditEvent(3).occurredAt), until: new Date(auditEvent(6).occurredAt), pageSize: 2 };
    expect(await exportAuditEvents(store.db, sink, jsonLine, range)).toBe(6);
    expect(sink.lines.map((line) => (JSON.parse(line) as { requestId: string }).requestId)).toEqual([
      'req-3',
      'req-3',
      'req-4',
      'req-4',
      'req-5',
      'req-5',
    ]);
  });

  it('fails with the error of a stream that breaks midway', async () => {
    let written = 0;
    const broken = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, done) {
        written += 1;
        setImmediate(() => done(written === 3 ? new Error('disk full') : null));
      },
    });
    await expect(exportAuditEvents(store.db, broken, jsonLine, { pageSize: 2 })).rejects.toThrow('disk full');
  });

  it('exports syslog lines', async () => {
    const sink = slowSink();
    await exportAuditEvents(store.db, sink, (row) => syslogLine(row, { hostname: 'audit-host', facility: 'authpriv' }));
    expect(sink.lines).toHaveLength(16);
    for (const line of sink.lines)
      expect(line).toMatch(
        /^<85>1 \S+ audit-host cmb-audit - ALLOWED \[cmbAudit@32473 eventId="[0-9a-f-]{36}" .*\] ALLOWED Eligibility by cnss-portal: OK\n$/,
      );
  });
});
