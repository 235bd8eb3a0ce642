import type { AuditDatabase } from './database';

/** The group roles of the PostgreSQL store; login roles are granted one of them. */
export const AUDIT_ROLES = {
  /** The gateway's audit writer: INSERT and SELECT on events and checkpoints, nothing else. */
  writer: 'cmb_audit_writer',
  /** The audit subgraph: reads everything, records officers' reviews. */
  reader: 'cmb_audit_reader',
  /** The retention job: reads, and deletes events older than the retention period. */
  retention: 'cmb_audit_retention',
} as const;

const POSTGRES_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_event (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  writer_id text NOT NULL,
  position bigint NOT NULL,
  event_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  request_id text NOT NULL,
  client_id text NOT NULL,
  org text,
  purposes text[] NOT NULL,
  operation_name text,
  decision text NOT NULL,
  outcome text NOT NULL,
  subjects text[] NOT NULL,
  subject_refs text[],
  organisms text[],
  memberships text[],
  stage text,
  served boolean,
  body text NOT NULL,
  previous_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (occurred_at, seq)
) PARTITION BY RANGE (occurred_at);
-- Columns of the second event format, on a store created before it (null on the rows written before).
ALTER TABLE audit_event ADD COLUMN IF NOT EXISTS subject_refs text[];
ALTER TABLE audit_event ADD COLUMN IF NOT EXISTS organisms text[];
ALTER TABLE audit_event ADD COLUMN IF NOT EXISTS stage text;
ALTER TABLE audit_event ADD COLUMN IF NOT EXISTS served boolean;
-- The third format's column (which organism covered which person), null on the rows written before.
ALTER TABLE audit_event ADD COLUMN IF NOT EXISTS memberships text[];
CREATE TABLE IF NOT EXISTS audit_event_default PARTITION OF audit_event DEFAULT;
CREATE INDEX IF NOT EXISTS audit_event_writer_idx ON audit_event (writer_id, position);
CREATE INDEX IF NOT EXISTS audit_event_subjects_idx ON audit_event USING gin (subjects);
CREATE INDEX IF NOT EXISTS audit_event_subject_refs_idx ON audit_event USING gin (subject_refs);
CREATE INDEX IF NOT EXISTS audit_event_organisms_idx ON audit_event USING gin (organisms);
CREATE INDEX IF NOT EXISTS audit_event_memberships_idx ON audit_event USING gin (memberships);
CREATE INDEX IF NOT EXISTS audit_event_client_idx ON audit_event (client_id, occurred_at);
CREATE INDEX IF NOT EXISTS audit_event_id_idx ON audit_event (event_id);
CREATE INDEX IF NOT EXISTS audit_event_break_glass_idx ON audit_event (occurred_at, seq) WHERE decision = 'BREAK_GLASS';
CREATE TABLE IF NOT EXISTS audit_checkpoint (
  writer_id text NOT NULL,
  position bigint NOT NULL,
  hash text NOT NULL,
  signed_at timestamptz NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  PRIMARY KEY (writer_id, position)
);
CREATE TABLE IF NOT EXISTS audit_review (
  event_id uuid PRIMARY KEY,
  verdict text NOT NULL,
  comment text,
  reviewer text NOT NULL,
  reviewer_org text,
  reviewed_at timestamptz NOT NULL
);
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event;
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
DROP TRIGGER IF EXISTS audit_checkpoint_append_only ON audit_checkpoint;
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
DROP TRIGGER IF EXISTS audit_checkpoint_no_delete ON audit_checkpoint;
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
DROP TRIGGER IF EXISTS audit_checkpoint_no_truncate ON audit_checkpoint;
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
DROP TRIGGER IF EXISTS audit_review_append_only ON audit_review;
CREATE TRIGGER audit_review_append_only BEFORE UPDATE OR DELETE ON audit_review FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
`;

/**
 * Creates a cluster-wide group role unless it exists, also when another
 * store's migration creates it at the same moment (the loser of that race
 * gets a duplicate error, taken here as "it exists").
 */
export function createRoleOnce(role: string): string {
  return `DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;`;
}

/**
 * Whether a writer id belongs to the login appending it: the login's own name,
 * or that name followed by `:` and anything (`cmb_gateway_audit:gw-7:4000`).
 * The policies of the writer role use it, so a gateway appends only to its own
 * chains, whatever writer id it claims.
 */
export const WRITER_BINDING_FUNCTION = `
CREATE OR REPLACE FUNCTION audit_writer_bound(writer text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT writer = session_user::text OR starts_with(writer, session_user::text || ':')
$$;`;

/** Whether a writer id is bound to a login (the rule of `audit_writer_bound`, for messages and checks outside the database). */
export function writerBoundToLogin(writerId: string, login: string): boolean {
  return writerId === login || writerId.startsWith(`${login}:`);
}

/**
 * Row-level security: the writer role inserts (and reads) only the events and
 * checkpoints of its own writer ids; the reader and retention roles read
 * everything, retention alone deletes events. The owner is not bound.
 */
const POSTGRES_ROW_SECURITY = `
${WRITER_BINDING_FUNCTION}
ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoint ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS audit_event_writer_insert ON audit_event;
CREATE POLICY audit_event_writer_insert ON audit_event FOR INSERT TO ${AUDIT_ROLES.writer} WITH CHECK (audit_writer_bound(writer_id));
DROP POLICY IF EXISTS audit_event_writer_read ON audit_event;
CREATE POLICY audit_event_writer_read ON audit_event FOR SELECT TO ${AUDIT_ROLES.writer} USING (audit_writer_bound(writer_id));
DROP POLICY IF EXISTS audit_event_read ON audit_event;
CREATE POLICY audit_event_read ON audit_event FOR SELECT TO ${AUDIT_ROLES.reader}, ${AUDIT_ROLES.retention} USING (true);
DROP POLICY IF EXISTS audit_event_retention_delete ON audit_event;
CREATE POLICY audit_event_retention_delete ON audit_event FOR DELETE TO ${AUDIT_ROLES.retention} USING (true);
DROP POLICY IF EXISTS audit_checkpoint_writer_insert ON audit_checkpoint;
CREATE POLICY audit_checkpoint_writer_insert ON audit_checkpoint FOR INSERT TO ${AUDIT_ROLES.writer} WITH CHECK (audit_writer_bound(writer_id));
DROP POLICY IF EXISTS audit_checkpoint_writer_read ON audit_checkpoint;
CREATE POLICY audit_checkpoint_writer_read ON audit_checkpoint FOR SELECT TO ${AUDIT_ROLES.writer} USING (audit_writer_bound(writer_id));
DROP POLICY IF EXISTS audit_checkpoint_read ON audit_checkpoint;
CREATE POLICY audit_checkpoint_read ON audit_checkpoint FOR SELECT TO ${AUDIT_ROLES.reader}, ${AUDIT_ROLES.retention} USING (true);
`;

const POSTGRES_ROLES = `
${Object.values(AUDIT_ROLES).map(createRoleOnce).join('\n')}
REVOKE ALL ON audit_event, audit_checkpoint, audit_review FROM PUBLIC;
GRANT INSERT, SELECT ON audit_event, audit_checkpoint TO ${AUDIT_ROLES.writer};
GRANT SELECT ON audit_event, audit_checkpoint, audit_review TO ${AUDIT_ROLES.reader};
GRANT INSERT ON audit_review TO ${AUDIT_ROLES.reader};
GRANT SELECT, DELETE ON audit_event TO ${AUDIT_ROLES.retention};
-- Retention keeps every checkpoint: the kept chains are anchored on them, and a deleted one would hide a cut tail.
REVOKE DELETE ON audit_checkpoint FROM ${AUDIT_ROLES.retention};
GRANT SELECT ON audit_checkpoint TO ${AUDIT_ROLES.retention};
${POSTGRES_ROW_SECURITY}`;

const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_event (
  seq INTEGER PRIMARY KEY,
  writer_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  request_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  org TEXT,
  purposes TEXT NOT NULL,
  operation_name TEXT,
  decision TEXT NOT NULL,
  outcome TEXT NOT NULL,
  subjects TEXT NOT NULL,
  subject_refs TEXT,
  organisms TEXT,
  memberships TEXT,
  stage TEXT,
  served INTEGER,
  body TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_event_writer_idx ON audit_event (writer_id, position);
CREATE INDEX IF NOT EXISTS audit_event_time_idx ON audit_event (occurred_at, seq);
CREATE INDEX IF NOT EXISTS audit_event_client_idx ON audit_event (client_id, occurred_at);
CREATE INDEX IF NOT EXISTS audit_event_id_idx ON audit_event (event_id);
CREATE INDEX IF NOT EXISTS audit_event_break_glass_idx ON audit_event (occurred_at, seq) WHERE decision = 'BREAK_GLASS';
CREATE TABLE IF NOT EXISTS audit_checkpoint (
  writer_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  hash TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  key_id TEXT NOT NULL,
  signature TEXT NOT NULL,
  PRIMARY KEY (writer_id, position)
);
CREATE TABLE IF NOT EXISTS audit_review (
  event_id TEXT PRIMARY KEY,
  verdict TEXT NOT NULL,
  comment TEXT,
  reviewer TEXT NOT NULL,
  reviewer_org TEXT,
  reviewed_at TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_event_append_only BEFORE UPDATE ON audit_event BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE on audit_event refused'); END;
CREATE TRIGGER IF NOT EXISTS audit_checkpoint_append_only BEFORE UPDATE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE on audit_checkpoint refused'); END;
CREATE TRIGGER IF NOT EXISTS audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE on audit_checkpoint refused'); END;
CREATE TRIGGER IF NOT EXISTS audit_review_append_only BEFORE UPDATE ON audit_review BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE on audit_review refused'); END;
CREATE TRIGGER IF NOT EXISTS audit_review_no_delete BEFORE DELETE ON audit_review BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE on audit_review refused'); END;
`;

/** The first day (UTC) of the month `offset` months after `date`'s month. */
function monthStart(date: Date, offset: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
}

/** `audit_event_y2026m11`: the partition holding one month. */
export function monthPartitionName(month: Date): string {
  return `audit_event_y${month.getUTCFullYear()}m${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month (its first day, UTC) a partition named by {@link monthPartitionName} holds; null for any other table. */
export function partitionMonth(name: string): Date | null {
  const match = /^audit_event_y(\d{4})m(\d{2})$/.exec(name);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) : null;
}

/** The first day (UTC) of the month after a partition's month: its rows are all older than this. */
export function partitionEnd(month: Date): Date {
  return monthStart(month, 1);
}

/**
 * Creates the monthly partitions from `from`'s month to `monthsAhead` months
 * after `now` (PostgreSQL). Rows outside them land in the default partition,
 * so a write never fails for want of a partition.
 */
export async function ensureMonthlyPartitions(
  db: AuditDatabase,
  options: { now?: Date; from?: Date; monthsAhead?: number } = {},
): Promise<string[]> {
  if (db.dialect !== 'postgres') return [];
  const now = options.now ?? new Date();
  const first = monthStart(options.from ?? now, 0);
  const last = monthStart(now, options.monthsAhead ?? 12);
  const created: string[] = [];
  for (let month = first; month <= last; month = monthStart(month, 1)) {
    const name = monthPartitionName(month);
    const exists = await db.query('SELECT 1 FROM pg_class WHERE relname = $1', [name]);
    if (exists.length > 0) continue;
    await db.execScript(
      `CREATE TABLE ${name} PARTITION OF audit_event FOR VALUES FROM ('${month.toISOString()}') TO ('${monthStart(month, 1).toISOString()}')`,
    );
    await ensureUniqueLinks(db, [name]);
    created.push(name);
  }
  return created;
}

/** The unique index of a table of events on `(writer_id, position)`: one link per place of a writer's chain. */
const linkIndexOf = (table: string) => `${table}_link_idx`;

/**
 * One event per place of a writer's chain, held by the store: a batch the
 * writer gave up on (its answer lost) that commits late and a batch chained
 * from the head read meanwhile cannot both stand at one position (the second
 * waits for the first and fails; the writer reads the head again), and the
 * gateway's INSERT-only role cannot add a forged event at a taken place.
 * PostgreSQL holds it per monthly partition (a unique index of the
 * partitioned table must hold its time): two events of one place in two
 * months are not refused, and `verify` reports them. A table already holding
 * two events at one place (a fork kept as evidence) is left without the index
 * and named, never a reason to stop the migration of the others.
 */
async function ensureUniqueLinks(db: AuditDatabase, tables: readonly string[]): Promise<string[]> {
  const forked: string[] = [];
  for (const table of tables) {
    try {
      await db.execScript(`CREATE UNIQUE INDEX IF NOT EXISTS ${linkIndexOf(table)} ON ${table} (writer_id, position)`);
    } catch (error) {
      const twice = await db.query(`SELECT 1 FROM ${table} GROUP BY writer_id, position HAVING count(*) > 1 LIMIT 1`);
      if (twice.length === 0) throw error;
      forked.push(table);
    }
  }
  return forked;
}

/** The tables that hold events: on PostgreSQL each partition of `audit_event`, on SQLite the table itself. */
async function eventTables(db: AuditDatabase): Promise<string[]> {
  if (db.dialect === 'sqlite') return ['audit_event'];
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = 'audit_event' AND p.relnamespace = to_regnamespace(current_schema())::oid ORDER BY c.relname`,
  );
  return rows.map((row) => row.name);
}

/** The name the events of the first store format keep after an upgrade. */
export const FIRST_FORMAT_TABLE = 'audit_event_format1';

/**
 * A store of the first format (events chained without positions nor
 * checkpoints, table not partitioned) keeps its events, renamed to
 * {@link FIRST_FORMAT_TABLE}, untouched and still readable: the new chains
 * start beside them. Audit records are never dropped by an upgrade.
 */
async function keepFirstFormatTable(db: AuditDatabase): Promise<void> {
  const columns =
    db.dialect === 'sqlite'
      ? await db.query<{ name: string }>("SELECT name FROM pragma_table_info('audit_event')")
      : await db.query<{ name: string }>(
          "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'audit_event'",
        );
  if (columns.length === 0 || columns.some((c) => c.name === 'position')) return;
  const rename = `ALTER TABLE audit_event RENAME TO ${FIRST_FORMAT_TABLE}`;
  // Its indexes keep their names: free them for the new table.
  const indexes = ['audit_event_writer_idx'];
  await db.execScript(
    db.dialect === 'sqlite'
      ? `${rename}; ${indexes.map((i) => `DROP INDEX IF EXISTS ${i}`).join('; ')};`
      : `${rename}; ${indexes.map((i) => `ALTER INDEX IF EXISTS ${i} RENAME TO ${i.replace('audit_event', FIRST_FORMAT_TABLE)}`).join('; ')}; ALTER TABLE ${FIRST_FORMAT_TABLE} RENAME CONSTRAINT audit_event_pkey TO ${FIRST_FORMAT_TABLE}_pkey; ALTER TABLE ${FIRST_FORMAT_TABLE} RENAME CONSTRAINT audit_event_event_id_key TO ${FIRST_FORMAT_TABLE}_event_id_key; ALTER SEQUENCE IF EXISTS audit_event_seq_seq RENAME TO ${FIRST_FORMAT_TABLE}_seq_seq;`,
  );
}

/** The columns the second and third event formats added, for a SQLite store created before them (SQLite has no ADD COLUMN IF NOT EXISTS). */
const COLUMNS_SINCE_FIRST_FORMAT = {
  subject_refs: 'TEXT',
  organisms: 'TEXT',
  memberships: 'TEXT',
  stage: 'TEXT',
  served: 'INTEGER',
} as const;

async function addColumnsSinceFirstFormat(db: AuditDatabase): Promise<void> {
  const present = new Set((await db.query<{ name: string }>("SELECT name FROM pragma_table_info('audit_event')")).map((c) => c.name));
  const missing = Object.entries(COLUMNS_SINCE_FIRST_FORMAT).filter(([name]) => !present.has(name));
  if (missing.length > 0)
    await db.execScript(missing.map(([name, type]) => `ALTER TABLE audit_event ADD COLUMN ${name} ${type};`).join(' '));
}

/** What a migration could not do: the tables of events whose chains already hold two events at one place (left without the unique index; `verify` names the forks). */
export interface AuditStoreMigration {
  forkedTables: string[];
}

/**
 * Creates or updates the audit store's schema: tables, indexes, append-only
 * triggers and, on PostgreSQL, the monthly partitions and the group roles with
 * their grants. Run by the store's owner (`npm run audit -- migrate`), never
 * by the gateway, whose role may only INSERT and SELECT.
 */
export async function migrateAuditStore(
  db: AuditDatabase,
  options: { now?: Date; from?: Date; monthsAhead?: number } = {},
): Promise<AuditStoreMigration> {
  await keepFirstFormatTable(db);
  if (db.dialect === 'sqlite') {
    await db.execScript(SQLITE_SCHEMA);
    await addColumnsSinceFirstFormat(db);
    return { forkedTables: await ensureUniqueLinks(db, await eventTables(db)) };
  }
  await db.execScript(POSTGRES_SCHEMA);
  await ensureMonthlyPartitions(db, { ...options, from: options.from ?? monthStart(options.now ?? new Date(), -1) });
  const forkedTables = await ensureUniqueLinks(db, await eventTables(db));
  await db.execScript(POSTGRES_ROLES);
  return { forkedTables };
}
