import { SILENT_PROGRESS, type ProgressSink } from '@cmb/kit/dist/progress';
import type { TrustedKeys } from './checkpoint-signing';
import type { AuditDatabase } from './database';
import { partitionEnd, partitionMonth } from './schema';
import { auditWriters, countEvents, verifyWriter, type TamperFinding } from './verify';

/** What retention did (or, on a dry run, would do) to one writer's chain. */
export interface WriterRetention {
  writerId: string;
  /** The checkpoint the kept chain now starts after: events up to it are purged. Null when no sealed event is old enough. */
  purgedThrough: number | null;
  /** Events purged (or that a dry run would purge). */
  purged: number;
  /** Set when the writer was left untouched because its chain does not verify: the evidence is kept for the investigation. */
  refused?: TamperFinding;
}

/** What one retention run did. */
export interface RetentionReport {
  /** ISO-8601 UTC: events older than this may go. */
  cutoff: string;
  dryRun: boolean;
  writers: WriterRetention[];
  /** Monthly partitions dropped because they were empty and wholly before the cutoff (PostgreSQL). */
  droppedPartitions: string[];
  /** Why partitions were not (all) dropped, when they were not. */
  partitionsNote: string | null;
}

/** How far retention goes. */
export interface RetentionOptions {
  /** Events older than this may be purged. */
  cutoff: Date;
  /** The checkpoint keys: a writer's chain is verified before anything of it is purged. */
  trusted: TrustedKeys;
  /** Report only. */
  dryRun?: boolean;
  /**
   * Where the work is counted (the CLI's progress); silent by default. Two
   * steps: the events of the chains verified before a purge, then the events
   * purged (or, on a dry run, that would be).
   */
  progress?: ProgressSink;
}

/** The latest checkpoint of a writer whose own event is older than the cutoff: the chain may be cut there. */
async function lastSealedBefore(db: AuditDatabase, writerId: string, cutoff: string): Promise<number | null> {
  const rows = await db.query<{ position: number }>(
    `SELECT c.position FROM audit_checkpoint c JOIN audit_event e ON e.writer_id = c.writer_id AND e.position = c.position
     WHERE c.writer_id = $1 AND e.occurred_at < $2 ORDER BY c.position DESC LIMIT 1`,
    [writerId, cutoff],
  );
  return rows[0] ? Number(rows[0].position) : null;
}

/** How far one writer's chain may be cut: through its last checkpoint sealed before the cutoff, and how many events that is. */
async function planWriter(db: AuditDatabase, writerId: string, cutoff: string): Promise<WriterRetention> {
  const through = await lastSealedBefore(db, writerId, cutoff);
  if (through === null) return { writerId, purgedThrough: null, purged: 0 };
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM audit_event WHERE writer_id = $1 AND position <= $2', [
    writerId,
    through,
  ]);
  return { writerId, purgedThrough: through, purged: Number(n) };
}

/**
 * Purges, writer by writer, the events up to each one's last checkpoint
 * sealed before the cutoff: first every such chain is verified (a broken one
 * is left untouched, its evidence kept), then each is cut in one transaction.
 * The checkpoint rows stay, so verification anchors the kept chain on that
 * checkpoint; unsealed events always stay.
 */
async function purgeWriters(db: AuditDatabase, writerIds: readonly string[], options: RetentionOptions): Promise<WriterRetention[]> {
  const progress = options.progress ?? SILENT_PROGRESS;
  const plans: WriterRetention[] = [];
  for (const writerId of writerIds) plans.push(await planWriter(db, writerId, options.cutoff.toISOString()));
  const toCut = plans.filter((plan) => plan.purged > 0);
  const cutIds = toCut.map((plan) => plan.writerId);
  if (options.progress && cutIds.length > 0) progress.step('retention: events verified', await countEvents(db, cutIds));
  for (const plan of toCut) {
    const verification = await verifyWriter(db, plan.writerId, options.trusted, { progress });
    if (verification.finding) Object.assign(plan, { purgedThrough: null, purged: 0, refused: verification.finding });
  }
  const cut = toCut.filter((plan) => !plan.refused);
  progress.step(
    options.dryRun ? 'retention: events to purge (dry run)' : 'retention: events purged',
    cut.reduce((sum, plan) => sum + plan.purged, 0),
  );
  for (const plan of cut) {
    if (!options.dryRun) {
      await db.transaction((tx) =>
        tx.query('DELETE FROM audit_event WHERE writer_id = $1 AND position <= $2', [plan.writerId, plan.purgedThrough]),
      );
    }
    progress.advance(plan.purged);
  }
  return plans;
}

/** PostgreSQL's "insufficient privilege": dropping a table takes its owner. */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Drops the monthly partitions that are empty and lie wholly before the
 * cutoff (PostgreSQL; only the owner may). Stops at the first refusal and
 * says why, since the next ones would be refused too.
 */
async function dropEmptyPartitions(db: AuditDatabase, cutoff: Date): Promise<{ dropped: string[]; note: string | null }> {
  const partitions = await db.query<{ relname: string }>(
    "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_event'::regclass ORDER BY c.relname",
  );
  const dropped: string[] = [];
  for (const { relname } of partitions) {
    const month = partitionMonth(relname);
    if (!month || partitionEnd(month) > cutoff) continue;
    const rows = await db.query('SELECT 1 FROM audit_event WHERE occurred_at >= $1 AND occurred_at < $2 LIMIT 1', [
      month.toISOString(),
      partitionEnd(month).toISOString(),
    ]);
    if (rows.length > 0) continue;
    try {
      await db.execScript(`DROP TABLE ${relname}`);
      dropped.push(relname);
    } catch (error) {
      if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
      return {
        dropped,
        note: `not permitted to drop the empty partition ${relname} and older ones: only the store's owner may (run retention as the owner, or drop them later)`,
      };
    }
  }
  return { dropped, note: null };
}

/**
 * Purges, writer by writer, the events older than the cutoff that a signed
 * checkpoint seals, so every kept chain still verifies from the checkpoint
 * before it; then, on PostgreSQL, drops the monthly partitions left empty.
 * A writer whose chain does not verify is left untouched.
 */
export async function applyRetention(db: AuditDatabase, options: RetentionOptions): Promise<RetentionReport> {
  const writers = await purgeWriters(db, await auditWriters(db), options);
  const report: RetentionReport = {
    cutoff: options.cutoff.toISOString(),
    dryRun: options.dryRun ?? false,
    writers,
    droppedPartitions: [],
    partitionsNote: null,
  };
  if (db.dialect !== 'postgres') return report;
  if (report.dryRun) return { ...report, partitionsNote: 'dry run: partitions are examined after a real purge only' };
  const { dropped, note } = await dropEmptyPartitions(db, options.cutoff);
  return { ...report, droppedPartitions: dropped, partitionsNote: note };
}
