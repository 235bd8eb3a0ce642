import type { Checkpoint } from './checkpoint-signing';
import type { AuditDatabase } from './database';
import { checkpointRow } from './rows';
import { AUDIT_ROLES, createRoleOnce, WRITER_BINDING_FUNCTION } from './schema';

/**
 * The witness: every signed checkpoint, copied by the writer into an
 * append-only table of a database of its own (`AUDIT_WITNESS_DATABASE_URL`,
 * or an SQLite file). Someone who may rewrite the store (its owner) may not
 * reach the witness: a tail cut from the store and sealed again at the cut
 * no longer meets the checkpoints the witness kept, and `verify` says so.
 */
export const WITNESS_TABLE = 'audit_witness_checkpoint';

const POSTGRES_WITNESS = `
CREATE TABLE IF NOT EXISTS ${WITNESS_TABLE} (
  writer_id text NOT NULL,
  position bigint NOT NULL,
  hash text NOT NULL,
  signed_at timestamptz NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  witnessed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (writer_id, position)
);
CREATE OR REPLACE FUNCTION audit_witness_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit witness is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS ${WITNESS_TABLE}_append_only ON ${WITNESS_TABLE};
CREATE TRIGGER ${WITNESS_TABLE}_append_only BEFORE UPDATE OR DELETE ON ${WITNESS_TABLE} FOR EACH ROW EXECUTE FUNCTION audit_witness_refuse_change();
DROP TRIGGER IF EXISTS ${WITNESS_TABLE}_no_truncate ON ${WITNESS_TABLE};
CREATE TRIGGER ${WITNESS_TABLE}_no_truncate BEFORE TRUNCATE ON ${WITNESS_TABLE} FOR EACH STATEMENT EXECUTE FUNCTION audit_witness_refuse_change();
`;

const SQLITE_WITNESS = `
CREATE TABLE IF NOT EXISTS ${WITNESS_TABLE} (
  writer_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  hash TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  key_id TEXT NOT NULL,
  signature TEXT NOT NULL,
  witnessed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (writer_id, position)
);
CREATE TRIGGER IF NOT EXISTS ${WITNESS_TABLE}_append_only BEFORE UPDATE ON ${WITNESS_TABLE} BEGIN SELECT RAISE(ABORT, 'the audit witness is append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS ${WITNESS_TABLE}_no_delete BEFORE DELETE ON ${WITNESS_TABLE} BEGIN SELECT RAISE(ABORT, 'the audit witness is append-only: DELETE refused'); END;
`;

/** The witness's grants on PostgreSQL: the gateways append the checkpoints of their own writer ids; readers read. */
function postgresWitnessRoles(): string {
  return `
${Object.values(AUDIT_ROLES).map(createRoleOnce).join('\n')}
${WRITER_BINDING_FUNCTION}
REVOKE ALL ON ${WITNESS_TABLE} FROM PUBLIC;
GRANT INSERT, SELECT ON ${WITNESS_TABLE} TO ${AUDIT_ROLES.writer};
GRANT SELECT ON ${WITNESS_TABLE} TO ${AUDIT_ROLES.reader}, ${AUDIT_ROLES.retention};
ALTER TABLE ${WITNESS_TABLE} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS ${WITNESS_TABLE}_writer_insert ON ${WITNESS_TABLE};
CREATE POLICY ${WITNESS_TABLE}_writer_insert ON ${WITNESS_TABLE} FOR INSERT TO ${AUDIT_ROLES.writer} WITH CHECK (audit_writer_bound(writer_id));
DROP POLICY IF EXISTS ${WITNESS_TABLE}_writer_read ON ${WITNESS_TABLE};
CREATE POLICY ${WITNESS_TABLE}_writer_read ON ${WITNESS_TABLE} FOR SELECT TO ${AUDIT_ROLES.writer} USING (audit_writer_bound(writer_id));
DROP POLICY IF EXISTS ${WITNESS_TABLE}_read ON ${WITNESS_TABLE};
CREATE POLICY ${WITNESS_TABLE}_read ON ${WITNESS_TABLE} FOR SELECT TO ${AUDIT_ROLES.reader}, ${AUDIT_ROLES.retention} USING (true);
`;
}

/**
 * Creates the witness table (append-only) in its own database; on
 * PostgreSQL also its grants and row-level security (a gateway appends only
 * the checkpoints of its own writer ids). Run by the witness database's owner,
 * who should not be the store's.
 */
export async function migrateAuditWitness(db: AuditDatabase): Promise<void> {
  if (db.dialect === 'sqlite') {
    await db.execScript(SQLITE_WITNESS);
    return;
  }
  await db.execScript(POSTGRES_WITNESS);
  await db.execScript(postgresWitnessRoles());
}

/** Copies checkpoints to the witness; one already there (a retry) is left as it is. */
export async function witnessCheckpoints(db: AuditDatabase, checkpoints: readonly Checkpoint[]): Promise<void> {
  if (checkpoints.length === 0) return;
  const tuples = checkpoints.map((_, row) => `(${Array.from({ length: 6 }, (__, i) => `$${row * 6 + i + 1}`).join(', ')})`);
  await db.query(
    `INSERT INTO ${WITNESS_TABLE} (writer_id, position, hash, signed_at, key_id, signature) VALUES ${tuples.join(', ')} ON CONFLICT (writer_id, position) DO NOTHING`,
    checkpoints.flatMap((c) => [c.writerId, c.position, c.hash, c.signedAt, c.keyId, c.signature]),
  );
}

/** The checkpoints the witness holds for a writer, in chain order. */
export async function witnessedCheckpoints(db: AuditDatabase, writerId: string): Promise<Checkpoint[]> {
  const rows = await db.query(
    `SELECT writer_id, position, hash, signed_at, key_id, signature FROM ${WITNESS_TABLE} WHERE writer_id = $1 ORDER BY position`,
    [writerId],
  );
  return rows.map(checkpointRow);
}

/** The writers the witness holds checkpoints of. */
export async function witnessedWriters(db: AuditDatabase): Promise<string[]> {
  const rows = await db.query<{ writer_id: string }>(`SELECT DISTINCT writer_id FROM ${WITNESS_TABLE} ORDER BY 1`);
  return rows.map((r) => r.writer_id);
}
