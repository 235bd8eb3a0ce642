import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { openAuditDatabase, type AuditDatabase } from '../database';
import { ensureMonthlyPartitions, FIRST_FORMAT_TABLE, migrateAuditStore, monthPartitionName, partitionMonth } from '../schema';
import { AUDIT_ENGINES, createAuditTestStore, type AuditTestStore } from './support/audit-test-store';

describe('monthly partition names', () => {
  it('name a month and are read back', () => {
    const month = new Date('2026-11-01T00:00:00.000Z');
    expect(monthPartitionName(month)).toBe('audit_event_y2026m11');
    expect(partitionMonth('audit_event_y2026m11')).toEqual(month);
    expect(partitionMonth('audit_event_default')).toBeNull();
  });
});

describe.each(AUDIT_ENGINES)('ensureMonthlyPartitions on %s', (engine) => {
  let store: AuditTestStore;

  beforeAll(async () => {
    store = await createAuditTestStore(engine, 'audit_schema');
  });

  afterAll(async () => {
    await store?.drop();
  });

  it('creates the partitions from this month to 12 months ahead, once', async () => {
    const now = new Date('2030-01-15T10:00:00.000Z');
    const created = await ensureMonthlyPartitions(store.db, { now, monthsAhead: 12 });
    if (engine === 'sqlite') {
      expect(created).toEqual([]);
      return;
    }
    expect(created).toHaveLength(13);
    expect(created[0]).toBe('audit_event_y2030m01');
    expect(created.at(-1)).toBe('audit_event_y2031m01');
    expect(await ensureMonthlyPartitions(store.db, { now, monthsAhead: 12 })).toEqual([]);
  });
});

/** The events table of the first store format, as its gateways created it. */
const FIRST_FORMAT = (
  serial: string,
) => `CREATE TABLE audit_event (seq ${serial} PRIMARY KEY, writer_id TEXT NOT NULL, event_id TEXT NOT NULL UNIQUE, occurred_at TEXT NOT NULL,
  request_id TEXT NOT NULL, client_id TEXT NOT NULL, org TEXT, decision TEXT NOT NULL, outcome TEXT NOT NULL, subjects TEXT NOT NULL,
  body TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX audit_event_writer_idx ON audit_event (writer_id, seq);
INSERT INTO audit_event (writer_id, event_id, occurred_at, request_id, client_id, decision, outcome, subjects, body, previous_hash, hash)
  VALUES ('w', 'e1', '2026-11-01T00:00:00.000Z', 'r1', 'c', 'ALLOWED', 'OK', '', '[]', '${'0'.repeat(64)}', '${'1'.repeat(64)}');`;

describe.each(AUDIT_ENGINES)('upgrading a first-format store on %s', (engine) => {
  let database: TestDatabase;
  let db: AuditDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'audit_upgrade');
    db = openAuditDatabase(database.config.url ? { url: database.config.url } : { sqlitePath: database.config.sqlitePath });
    await db.execScript(FIRST_FORMAT(engine === 'postgres' ? 'BIGSERIAL' : 'INTEGER'));
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('keeps the old events under their own table, untouched, and starts the new format beside them; twice is harmless', async () => {
    await migrateAuditStore(db);
    await migrateAuditStore(db);
    expect(await db.query(`SELECT writer_id, event_id FROM ${FIRST_FORMAT_TABLE}`)).toEqual([{ writer_id: 'w', event_id: 'e1' }]);
    expect(await db.query('SELECT COUNT(*) AS n FROM audit_event')).toEqual([{ n: 0 }]);
    expect(await db.query("SELECT position FROM audit_event WHERE writer_id = 'none'")).toEqual([]);
  });
});
