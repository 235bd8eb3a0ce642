import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditDatabase } from '../database';
import { chainEvents, EMPTY_CHAIN } from '../event';
import { AUDIT_ROLES } from '../schema';
import { appendEvents } from '../store';
import { migrateAuditWitness, witnessCheckpoints } from '../witness';
import { auditEvent, signingKey } from './support/audit-fixtures';
import { createAuditTestStore, type AuditTestStore } from './support/audit-test-store';

const k1 = signingKey('k1');

/** Row-level security of the PostgreSQL store: a writer login appends only to the chains of its own writer ids. */
describe('the writer role on PostgreSQL', () => {
  let store: AuditTestStore;
  let gateway: AuditDatabase;
  let login: string;

  beforeAll(async () => {
    store = await createAuditTestStore('postgres', 'audit_row_security');
    gateway = await store.loginAs(AUDIT_ROLES.writer);
    [{ login }] = await gateway.query<{ login: string }>('SELECT session_user AS login');
  });

  afterAll(async () => {
    await store?.drop();
  });

  const oneEvent = (writerId: string) => chainEvents(writerId, EMPTY_CHAIN, [auditEvent(1)]).chained;

  it('appends events and checkpoints to the writer ids bound to its login: "<login>" and "<login>:..."', async () => {
    for (const writerId of [login, `${login}:gw-7:4000`]) {
      const chained = oneEvent(writerId);
      await appendEvents(
        gateway,
        chained,
        k1.signer.sign({ writerId, position: 1, hash: chained[0].hash, signedAt: new Date().toISOString() }),
      );
    }
    const rows = await gateway.query<{ writer_id: string }>('SELECT writer_id FROM audit_event ORDER BY writer_id');
    expect(rows.map((r) => r.writer_id)).toEqual([login, `${login}:gw-7:4000`]);
  });

  it("refuses an event or a checkpoint in another writer's chain", async () => {
    for (const writerId of ['gw-other', `${login}x`, `other:${login}`]) {
      await expect(appendEvents(gateway, oneEvent(writerId))).rejects.toThrow(/row-level security/);
      const checkpoint = k1.signer.sign({ writerId, position: 1, hash: 'a'.repeat(64), signedAt: new Date().toISOString() });
      await expect(appendEvents(gateway, [], checkpoint)).rejects.toThrow(/row-level security/);
    }
  });

  it("reads only its own chains, while the reader role reads every writer's", async () => {
    await appendEvents(store.db, oneEvent('gw-someone-else'));
    const own = await gateway.query<{ writer_id: string }>('SELECT DISTINCT writer_id FROM audit_event');
    expect(own.map((r) => r.writer_id)).not.toContain('gw-someone-else');
    const reader = await store.loginAs(AUDIT_ROLES.reader);
    const all = await reader.query<{ writer_id: string }>('SELECT DISTINCT writer_id FROM audit_event');
    expect(all.map((r) => r.writer_id)).toContain('gw-someone-else');
  });

  it('binds the witness the same way', async () => {
    // The witness lives in a database of its own in production; its grants and policies are the same here.
    await migrateAuditWitness(store.db);
    const signedAt = new Date().toISOString();
    await witnessCheckpoints(gateway, [k1.signer.sign({ writerId: `${login}:gw-7`, position: 1, hash: 'a'.repeat(64), signedAt })]);
    await expect(
      witnessCheckpoints(gateway, [k1.signer.sign({ writerId: 'gw-other', position: 1, hash: 'a'.repeat(64), signedAt })]),
    ).rejects.toThrow(/row-level security/);
  });
});
