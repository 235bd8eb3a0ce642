import { afterEach, describe, expect, it } from 'vitest';
import { openAuditDatabase, type AuditDatabase } from '../database';
import { migrateAuditStore } from '../schema';
import { AuditWriter } from '../writer';
import { chainEvents, EMPTY_CHAIN } from '../event';
import { appendEvents } from '../store';
import { verifyAuditStore } from '../verify';
import { allowRewrites } from './support/tampering';
import { auditEvent, signingKey, trustedKeysOf } from './support/audit-fixtures';

/**
 * A group commit whose answer is lost (the pg client's `query_timeout` fires, a connection cut after COMMIT was
 * sent, a synchronous standby that stalls the commit past the bound) is rejected to its callers (they fail closed),
 * but it may still land. The writer then reads the chain's head again, maybe before that commit is visible, and
 * chains the next batch from the same position: the store holds one event a place of a chain (a unique index), so
 * the two can never both stand, and the chain never forks into what `verify` would report as tampering.
 */
describe('a group commit that lands after the writer gave up on it', () => {
  let store: AuditDatabase;
  afterEach(async () => store?.close());

  it('never leaves two events of one writer at one position', async () => {
    store = openAuditDatabase({ sqlitePath: ':memory:' });
    await migrateAuditStore(store);
    let late: Promise<unknown> | null = null;
    let first = true;
    const flaky: AuditDatabase = {
      ...store,
      dialect: store.dialect,
      query: (sql, params) => store.query(sql, params),
      lockWriter: (id) => store.lockWriter(id),
      close: () => store.close(),
      execScript: (sql) => store.execScript(sql),
      transaction: (work) => {
        if (!first) return store.transaction(work);
        first = false;
        // The statement reaches the server and commits, but only after the client stopped waiting for it.
        late = new Promise((resolve) => setTimeout(resolve, 50)).then(() => store.transaction(work));
        return Promise.reject(new Error('Query read timeout'));
      },
    };
    const writer = new AuditWriter(flaky, { writerId: 'gw-1', signer: signingKey('k1').signer, checkpointEvery: 1_000 });
    let lateOutcome: string | undefined;
    try {
      await expect(writer.append(auditEvent(1))).rejects.toThrow();
      await writer.append(auditEvent(2));
      lateOutcome = await (late as Promise<unknown> | null)!.then(
        () => 'committed',
        (error: unknown) => String(error),
      );
      // The chain goes on from the link that stands.
      await writer.append(auditEvent(3));
    } finally {
      writer.stop();
    }
    expect(lateOutcome).toMatch(/UNIQUE/);
    const rows = await store.query<{ position: number }>("SELECT position FROM audit_event WHERE writer_id = 'gw-1' ORDER BY seq");
    expect(rows.map((row) => Number(row.position))).toEqual([1, 2]);
    const report = await verifyAuditStore(store, trustedKeysOf(signingKey('k1')));
    expect(report.ok).toBe(true);
  });

  it('migrates a store whose chain already holds two events at one position, naming the table it left without the index', async () => {
    store = openAuditDatabase({ sqlitePath: ':memory:' });
    await migrateAuditStore(store);
    await allowRewrites(store);
    const first = chainEvents('gw-1', EMPTY_CHAIN, [auditEvent(1)]).chained;
    const second = chainEvents('gw-1', EMPTY_CHAIN, [auditEvent(2)]).chained;
    await appendEvents(store, first);
    await appendEvents(store, second);
    // A fork kept as evidence never stops a migration: the table is named, and verify reports the fork.
    await expect(migrateAuditStore(store)).resolves.toEqual({ forkedTables: ['audit_event'] });
    expect((await verifyAuditStore(store, trustedKeysOf(signingKey('k1')))).ok).toBe(false);
  });
});
