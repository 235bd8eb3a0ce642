import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { canonical, GENESIS, type AuditEvent } from './audit-event';

/** An event with its place in its writer's chain. */
export interface ChainedEvent {
  event: AuditEvent;
  previousHash: string;
  hash: string;
}

/** Append-only storage of audit events. */
export interface AuditStore {
  /** The last link of a writer's chain (the genesis link for a new writer). */
  lastHash(writerId: string): Promise<string>;
  /** Appends events in one transaction: all or none. */
  append(writerId: string, events: readonly ChainedEvent[]): Promise<void>;
  close(): Promise<void>;
}

const COLUMNS = ['writer_id', 'event_id', 'occurred_at', 'request_id', 'client_id', 'org', 'decision', 'outcome', 'subjects', 'body', 'previous_hash', 'hash'];

function rowOf(writerId: string, chained: ChainedEvent): (string | null)[] {
  const { event } = chained;
  return [writerId, event.eventId, event.occurredAt, event.requestId, event.clientId, event.org, event.decision, event.outcome, event.subjects.join(' '), canonical(event), chained.previousHash, chained.hash];
}

const TABLE = (serial: string) => `CREATE TABLE IF NOT EXISTS audit_event (
  seq ${serial} PRIMARY KEY,
  writer_id TEXT NOT NULL, event_id TEXT NOT NULL UNIQUE, occurred_at TEXT NOT NULL, request_id TEXT NOT NULL,
  client_id TEXT NOT NULL, org TEXT, decision TEXT NOT NULL, outcome TEXT NOT NULL, subjects TEXT NOT NULL,
  body TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL)`;

/** PostgreSQL store (production): one INSERT of many rows per transaction. */
function postgresStore(url: string): AuditStore {
  const pool = new Pool({ connectionString: url, max: 4 });
  const ready = pool.query(TABLE('BIGSERIAL')).then(() => pool.query('CREATE INDEX IF NOT EXISTS audit_event_writer_idx ON audit_event (writer_id, seq)'));
  return {
    async lastHash(writerId) {
      await ready;
      const { rows } = await pool.query<{ hash: string }>('SELECT hash FROM audit_event WHERE writer_id = $1 ORDER BY seq DESC LIMIT 1', [writerId]);
      return rows[0]?.hash ?? GENESIS;
    },
    async append(writerId, events) {
      await ready;
      const values: (string | null)[] = [];
      const tuples = events.map((chained, i) => {
        values.push(...rowOf(writerId, chained));
        return `(${COLUMNS.map((_, j) => `$${i * COLUMNS.length + j + 1}`).join(', ')})`;
      });
      await pool.query(`INSERT INTO audit_event (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, values);
    },
    close: () => pool.end(),
  };
}

/** SQLite store (embedded default): synchronous, durable writes in one transaction per batch. */
function sqliteStore(path: string): AuditStore {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(TABLE('INTEGER'));
  db.exec('CREATE INDEX IF NOT EXISTS audit_event_writer_idx ON audit_event (writer_id, seq)');
  const last = db.prepare('SELECT hash FROM audit_event WHERE writer_id = ? ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(`INSERT INTO audit_event (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const appendAll = db.transaction((writerId: string, events: readonly ChainedEvent[]) => {
    for (const chained of events) insert.run(...rowOf(writerId, chained));
  });
  return {
    async lastHash(writerId) {
      return (last.get(writerId) as { hash: string } | undefined)?.hash ?? GENESIS;
    },
    async append(writerId, events) {
      appendAll(writerId, events);
    },
    async close() {
      db.close();
    },
  };
}

/** The audit store of the configuration: PostgreSQL when a URL is given, else an embedded SQLite file. */
export function createAuditStore(config: { url?: string; sqlitePath: string }): AuditStore {
  return config.url ? postgresStore(config.url) : sqliteStore(config.sqlitePath);
}
