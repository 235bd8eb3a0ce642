import type { Checkpoint } from './checkpoint-signing';
import type { AuditDatabase } from './database';
import { EMPTY_CHAIN, type ChainedEvent, type ChainLink } from './event';
import { arrayParam, EVENT_COLUMNS, eventRowValues } from './rows';

/** Most rows in one INSERT statement (PostgreSQL allows 65,535 parameters). */
const ROWS_PER_STATEMENT = 500;

/** The last link of a writer's chain (position 0 and the genesis link for a new writer). */
export async function chainHead(db: AuditDatabase, writerId: string): Promise<ChainLink> {
  const rows = await db.query<{ position: number; hash: string }>(
    'SELECT position, hash FROM audit_event WHERE writer_id = $1 ORDER BY position DESC LIMIT 1',
    [writerId],
  );
  if (rows[0]) return { position: Number(rows[0].position), hash: rows[0].hash };
  // Retention may have purged every event of a writer: its chain then continues from its last checkpoint.
  const checkpoints = await db.query<{ position: number; hash: string }>(
    'SELECT position, hash FROM audit_checkpoint WHERE writer_id = $1 ORDER BY position DESC LIMIT 1',
    [writerId],
  );
  return checkpoints[0] ? { position: Number(checkpoints[0].position), hash: checkpoints[0].hash } : EMPTY_CHAIN;
}

/** The position of a writer's last signed checkpoint (0 when it has none). */
export async function lastCheckpointPosition(db: AuditDatabase, writerId: string): Promise<number> {
  const rows = await db.query<{ position: number }>(
    'SELECT position FROM audit_checkpoint WHERE writer_id = $1 ORDER BY position DESC LIMIT 1',
    [writerId],
  );
  return rows[0] ? Number(rows[0].position) : 0;
}

/** The INSERT statement for `count` event rows. */
function insertEvents(db: AuditDatabase, count: number): string {
  const arrayColumns = new Set(['purposes', 'subjects']);
  const tuples = Array.from({ length: count }, (_, row) => {
    const placeholders = EVENT_COLUMNS.map((column, i) => {
      const index = row * EVENT_COLUMNS.length + i + 1;
      return arrayColumns.has(column) ? arrayParam(db.dialect, index) : `$${index}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  return `INSERT INTO audit_event (${EVENT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
}

const INSERT_CHECKPOINT = 'INSERT INTO audit_checkpoint (writer_id, position, hash, signed_at, key_id, signature)';

function checkpointValues(checkpoint: Checkpoint): unknown[] {
  return [checkpoint.writerId, checkpoint.position, checkpoint.hash, checkpoint.signedAt, checkpoint.keyId, checkpoint.signature];
}

/** `($n, ..., $n+5)`: a checkpoint's placeholders after `offset` parameters. */
function checkpointPlaceholders(offset: number): string {
  return `(${Array.from({ length: 6 }, (_, i) => `$${offset + i + 1}`).join(', ')})`;
}

/**
 * Appends chained events, and the checkpoint that seals them if one is given,
 * all or nothing. On PostgreSQL a group commit of up to 500 events is one
 * statement (events and checkpoint together): one round trip, atomic without
 * BEGIN and COMMIT.
 */
export async function appendEvents(db: AuditDatabase, events: readonly ChainedEvent[], checkpoint?: Checkpoint): Promise<void> {
  if (db.dialect === 'postgres' && events.length > 0 && events.length <= ROWS_PER_STATEMENT) {
    const values = events.flatMap(eventRowValues);
    if (!checkpoint) {
      await db.query(insertEvents(db, events.length), values);
      return;
    }
    await db.query(
      `WITH appended AS (${insertEvents(db, events.length)} RETURNING 1) ${INSERT_CHECKPOINT} VALUES ${checkpointPlaceholders(values.length)}`,
      [...values, ...checkpointValues(checkpoint)],
    );
    return;
  }
  await db.transaction(async (tx) => {
    for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) {
      const slice = events.slice(start, start + ROWS_PER_STATEMENT);
      await tx.query(insertEvents(db, slice.length), slice.flatMap(eventRowValues));
    }
    if (checkpoint) await tx.query(`${INSERT_CHECKPOINT} VALUES ${checkpointPlaceholders(0)}`, checkpointValues(checkpoint));
  });
}
