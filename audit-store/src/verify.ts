import { SILENT_PROGRESS, type ProgressSink } from '@cmb/kit/dist/progress';
import type { Checkpoint, TrustedKeys } from './checkpoint-signing';
import type { AuditDatabase } from './database';
import { canonicalEvent, EMPTY_CHAIN, linkHash, parseCanonicalEvent, type ChainLink } from './event';
import { checkpointRow, EVENT_SELECT, columnsSinceFirstFormat, storedEventRow, type StoredEventRow } from './rows';
import { DAY_MS } from './time';
import { witnessedCheckpoints, witnessedWriters } from './witness';

/** How the store was tampered with, as verification first sees it. */
export type TamperKind = 'MODIFIED' | 'DELETED' | 'INSERTED' | 'REORDERED' | 'BAD_CHECKPOINT';

/** The first problem found in a writer's chain. */
export interface TamperFinding {
  kind: TamperKind;
  writerId: string;
  /** The chain position concerned (the first missing one for `DELETED`). */
  position: number;
  /** The stored event concerned, when there is one. */
  eventId?: string;
  seq?: number;
  detail: string;
}

/** What verification found for one writer's chain. */
export interface WriterVerification {
  writerId: string;
  events: number;
  firstPosition: number | null;
  lastPosition: number | null;
  checkpoints: number;
  lastCheckpointPosition: number | null;
  /** Events after the last checkpoint: intact as far as the chain shows, not yet sealed by a signature. */
  unsealed: number;
  finding: TamperFinding | null;
}

/** The whole store's verification. */
export interface VerificationReport {
  ok: boolean;
  writers: WriterVerification[];
  /** The first finding of each broken writer, in writer order. */
  findings: TamperFinding[];
}

/** How verification reads the store. */
export interface VerifyOptions {
  /** Rows read per query (5,000 by default). */
  pageSize?: number;
  /**
   * The retention policy's cutoff (now minus the retention period): events
   * sealed by a checkpoint signed after it (plus a day's grace for the seal)
   * may not have been purged, so their absence is a deletion, not retention.
   */
  retainedSince?: Date;
  /**
   * The witness database (see `witness.ts`): each checkpoint it holds must
   * still be met by the store, so a tail cut and sealed again at the cut is
   * reported. Without it, only the store's own checkpoints are compared.
   */
  witness?: AuditDatabase;
  /** Where the events verified are counted (the CLI's progress); silent by default. */
  progress?: ProgressSink;
}

/** How much later than its events a checkpoint may have been signed (an idle writer seals on its interval or at shutdown). */
const SEAL_GRACE_MS = DAY_MS;

/** Whether the events a checkpoint seals were still inside the retention period. */
function sealedWithinRetention(checkpoint: Checkpoint, options: VerifyOptions): boolean {
  return options.retainedSince !== undefined && Date.parse(checkpoint.signedAt) > options.retainedSince.getTime() + SEAL_GRACE_MS;
}

const PAGE = 5_000;

/** Rows of one writer in chain order (position, then storage order), a page at a time. */
async function* writerRows(db: AuditDatabase, writerId: string, pageSize: number): AsyncGenerator<StoredEventRow> {
  let after = { position: -1, seq: -1 };
  for (;;) {
    // `position >= $2` bounds the index scan: each page starts where the last ended instead of at the chain's start.
    const rows = await db.query(
      `SELECT ${EVENT_SELECT} FROM audit_event WHERE writer_id = $1 AND position >= $2 AND (position > $2 OR seq > $3) ORDER BY position, seq LIMIT ${pageSize}`,
      [writerId, after.position, after.seq],
    );
    for (const row of rows) yield storedEventRow(row);
    if (rows.length < pageSize) return;
    const last = storedEventRow(rows[rows.length - 1]);
    after = { position: last.position, seq: last.seq };
  }
}

/** Groups consecutive rows of the same position: more than one means an event was inserted. */
async function* positionGroups(rows: AsyncGenerator<StoredEventRow>): AsyncGenerator<StoredEventRow[]> {
  let group: StoredEventRow[] = [];
  for await (const row of rows) {
    if (group.length > 0 && group[0].position !== row.position) {
      yield group;
      group = [];
    }
    group.push(row);
  }
  if (group.length > 0) yield group;
}

/** Why a row's content does not hold together (body, indexed columns, own link), or null. */
function rowDefect(row: StoredEventRow): string | null {
  let parsed;
  try {
    parsed = parseCanonicalEvent(row.body);
  } catch {
    return 'its body is not a readable event';
  }
  const { writerId, position, event } = parsed;
  if (writerId !== row.writerId || position !== row.position) return 'its writer or position differs from its body';
  const signedTime = new Date(event.occurredAt);
  if (Number.isNaN(signedTime.getTime())) return 'its body is not a readable event';
  const added = columnsSinceFirstFormat(event);
  const columns: [string, unknown, unknown][] = [
    ['event_id', row.eventId, event.eventId],
    ['occurred_at', row.occurredAt, signedTime.toISOString()],
    ['request_id', row.requestId, event.requestId],
    ['client_id', row.clientId, event.clientId],
    ['org', row.org, event.org],
    ['operation_name', row.operationName, event.operationName],
    ['decision', row.decision, event.decision],
    ['outcome', row.outcome, event.outcome],
    ['purposes', JSON.stringify(row.purposes), JSON.stringify(event.purposes)],
    ['subjects', JSON.stringify(row.subjects), JSON.stringify(event.subjects)],
    // What an OG's officer and a search by person read: a changed column would hide an event from them.
    ['subject_refs', JSON.stringify(row.subjectRefs), JSON.stringify(added.subjectRefs)],
    ['organisms', JSON.stringify(row.organisms), JSON.stringify(added.organisms)],
    ['memberships', JSON.stringify(row.memberships), JSON.stringify(added.memberships)],
    ['stage', row.stage, added.stage],
    ['served', row.served, added.served],
  ];
  const changed = columns.find(([, stored, signed]) => stored !== signed);
  if (changed) return `its column ${changed[0]} differs from its body`;
  if (canonicalEvent(writerId, position, event) !== row.body) return 'its body is not in canonical form';
  if (linkHash(row.previousHash, row.body) !== row.hash) return 'its hash does not match its content';
  return null;
}

/** Why a checkpoint is not trusted, in words. */
function distrust(trusted: TrustedKeys, checkpoint: Checkpoint): string {
  const trust = trusted.check(checkpoint);
  if (trust === 'unknown-key') return `signed with key ${checkpoint.keyId}, which is not trusted`;
  if (trust === 'unbound-writer') return `signed with key ${checkpoint.keyId}, which is not bound to writer ${checkpoint.writerId}`;
  return 'its signature does not match';
}

function finding(kind: TamperKind, writerId: string, position: number, detail: string, row?: StoredEventRow): TamperFinding {
  return { kind, writerId, position, detail, ...(row ? { eventId: row.eventId, seq: row.seq } : {}) };
}

/**
 * Verifies one writer's chain from its start, or from the signed checkpoint
 * retention left before its first kept event, and reports the first problem:
 * a modified event (content, hash, or a rewritten chain that no longer meets
 * a signed checkpoint), a deleted one (a gap, or a tail cut below a
 * checkpoint), an inserted one (a second event at a taken position), or events
 * stored out of chain order.
 */
export async function verifyWriter(
  db: AuditDatabase,
  writerId: string,
  trusted: TrustedKeys,
  options: VerifyOptions = {},
): Promise<WriterVerification> {
  const checkpoints = (
    await db.query(
      'SELECT writer_id, position, hash, signed_at, key_id, signature FROM audit_checkpoint WHERE writer_id = $1 ORDER BY position',
      [writerId],
    )
  ).map(checkpointRow);
  const byPosition = new Map(checkpoints.map((c) => [c.position, c]));
  const progress = options.progress ?? SILENT_PROGRESS;
  const result: WriterVerification = {
    writerId,
    events: 0,
    firstPosition: null,
    lastPosition: null,
    checkpoints: checkpoints.length,
    lastCheckpointPosition: checkpoints.at(-1)?.position ?? null,
    unsealed: 0,
    finding: null,
  };

  const badCheckpoint = checkpoints.find((c) => trusted.check(c) !== 'valid');
  if (badCheckpoint) {
    const why = distrust(trusted, badCheckpoint);
    result.finding = finding(
      'BAD_CHECKPOINT',
      writerId,
      badCheckpoint.position,
      `the checkpoint at position ${badCheckpoint.position}: ${why}`,
    );
    return result;
  }

  let expected: ChainLink | null = null;
  let previousRow: StoredEventRow | null = null;
  /** The first event after the last checkpoint met: where a rewrite that the next checkpoint exposes may start. */
  let firstUnsealed: StoredEventRow | null = null;
  const groups = positionGroups(writerRows(db, writerId, options.pageSize ?? PAGE));
  let next = await groups.next();
  while (!next.done) {
    const group = next.value;
    next = await groups.next();
    const position = group[0].position;
    if (!expected) {
      // The chain starts at genesis, or at the checkpoint retention kept just before the first kept event.
      const anchor = position === 1 ? EMPTY_CHAIN : byPosition.get(position - 1);
      if (!anchor) {
        const before = checkpoints.filter((c) => c.position < position).at(-1);
        result.finding = finding(
          'DELETED',
          writerId,
          (before?.position ?? 0) + 1,
          `events ${(before?.position ?? 0) + 1} to ${position - 1} are missing before the first stored event, and no signed checkpoint covers them`,
        );
        return result;
      }
      if (anchor !== EMPTY_CHAIN && sealedWithinRetention(anchor as Checkpoint, options)) {
        result.finding = finding(
          'DELETED',
          writerId,
          1,
          `events 1 to ${position - 1} are missing although the checkpoint that seals them was signed at ${(anchor as Checkpoint).signedAt}, inside the retention period`,
        );
        return result;
      }
      expected = { position: anchor.position, hash: anchor.hash };
      result.firstPosition = position;
    }
    if (position > expected.position + 1) {
      result.finding = finding(
        'DELETED',
        writerId,
        expected.position + 1,
        `events ${expected.position + 1} to ${position - 1} are missing between event ${expected.position} and event ${position}`,
      );
      return result;
    }
    for (const row of group) {
      const defect = rowDefect(row);
      if (defect && group.length === 1) {
        result.finding = finding('MODIFIED', writerId, position, `event ${position} was modified: ${defect}`, row);
        return result;
      }
    }
    let genuine = group[0];
    if (group.length > 1) {
      const successor = next.done ? undefined : next.value[0];
      const expectedHash = expected.hash;
      const linked = group.filter((row) => !rowDefect(row) && row.previousHash === expectedHash);
      genuine = linked.find((row) => successor?.previousHash === row.hash) ?? linked[0] ?? group[0];
      const intruder = group.find((row) => row !== genuine) ?? group[1];
      result.finding = finding('INSERTED', writerId, position, `a second event was inserted at position ${position}`, intruder);
      return result;
    }
    if (genuine.previousHash !== expected.hash) {
      const rewritten = position - 1;
      result.finding = previousRow
        ? finding(
            'MODIFIED',
            writerId,
            rewritten,
            `event ${rewritten} was modified and its hash recomputed: event ${position} no longer links to it`,
            previousRow,
          )
        : finding('MODIFIED', writerId, position, `event ${position} does not link to the signed checkpoint before it`, genuine);
      return result;
    }
    if (previousRow && genuine.seq < previousRow.seq) {
      result.finding = finding(
        'REORDERED',
        writerId,
        position - 1,
        `events ${position - 1} and ${position} are stored in the wrong order`,
        previousRow,
      );
      return result;
    }
    firstUnsealed ??= genuine;
    const checkpoint: Checkpoint | undefined = byPosition.get(position);
    if (checkpoint && checkpoint.hash !== genuine.hash) {
      const from = firstUnsealed.position;
      result.finding = finding(
        'MODIFIED',
        writerId,
        from,
        `the chain between events ${from} and ${position} was rewritten: it no longer meets the checkpoint signed at ${position}`,
        firstUnsealed,
      );
      return result;
    }
    if (checkpoint) firstUnsealed = null;
    expected = { position, hash: genuine.hash };
    previousRow = genuine;
    result.events += 1;
    progress.advance(1);
    result.lastPosition = position;
  }
  const lastCheckpoint = checkpoints.at(-1);
  const reached = expected?.position ?? 0;
  if (lastCheckpoint && lastCheckpoint.position > reached) {
    if (reached === 0 && result.events === 0 && !sealedWithinRetention(lastCheckpoint, options)) {
      // Every event purged by retention: the last checkpoint stands alone.
      result.lastPosition = null;
    } else {
      result.finding = finding(
        'DELETED',
        writerId,
        reached + 1,
        `events ${reached + 1} to ${lastCheckpoint.position} are missing: the checkpoint signed at ${lastCheckpoint.position} covers them`,
      );
      return result;
    }
  }
  result.unsealed = lastCheckpoint ? Math.max(0, reached - lastCheckpoint.position) : reached;
  if (options.witness) result.finding = await witnessFinding(db, writerId, trusted, options.witness, byPosition, reached);
  return result;
}

/**
 * The first checkpoint the witness holds that the store no longer meets: its
 * own copy of the checkpoint (kept by retention) or, where none, the event at
 * that position must carry the witnessed link. A missing one is a deletion (a
 * tail cut, sealed again at the cut or not), a different one a rewrite.
 */
async function witnessFinding(
  db: AuditDatabase,
  writerId: string,
  trusted: TrustedKeys,
  witness: AuditDatabase,
  stored: ReadonlyMap<number, Checkpoint>,
  reached: number,
): Promise<TamperFinding | null> {
  for (const witnessed of await witnessedCheckpoints(witness, writerId)) {
    const { position } = witnessed;
    if (trusted.check(witnessed) !== 'valid')
      return finding(
        'BAD_CHECKPOINT',
        writerId,
        position,
        `the witness's checkpoint at position ${position}: ${distrust(trusted, witnessed)}`,
      );
    const own = stored.get(position);
    const [event] = own
      ? [own]
      : await db.query<{ hash: string }>('SELECT hash FROM audit_event WHERE writer_id = $1 AND position = $2 ORDER BY seq LIMIT 1', [
          writerId,
          position,
        ]);
    if (!event)
      return finding(
        'DELETED',
        writerId,
        Math.min(reached + 1, position),
        `events up to ${position} are missing: the witness holds the checkpoint signed at ${position} (${witnessed.signedAt}), which the store no longer has`,
      );
    if (event.hash !== witnessed.hash)
      return finding(
        'MODIFIED',
        writerId,
        position,
        `the chain at ${position} no longer meets the checkpoint the witness holds (signed at ${witnessed.signedAt}): rewritten or cut and sealed again`,
      );
  }
  return null;
}

/** The writers with events or checkpoints in the store. */
export async function auditWriters(db: AuditDatabase): Promise<string[]> {
  const rows = await db.query<{ writer_id: string }>(
    'SELECT writer_id FROM audit_checkpoint UNION SELECT DISTINCT writer_id FROM audit_event ORDER BY 1',
  );
  return rows.map((r) => r.writer_id);
}

/** Events stored for the given writers, or for all: the size of a progress step. */
export async function countEvents(db: AuditDatabase, writerIds?: readonly string[]): Promise<number> {
  if (!writerIds) return Number((await db.query<{ n: number }>('SELECT count(*) AS n FROM audit_event'))[0]?.n ?? 0);
  let total = 0;
  for (const writerId of writerIds)
    total += Number((await db.query<{ n: number }>('SELECT count(*) AS n FROM audit_event WHERE writer_id = $1', [writerId]))[0]?.n ?? 0);
  return total;
}

/**
 * Verifies every writer's chain: those of the store, and those only the
 * witness still knows. Progress: one step, the events verified out of those
 * stored (a broken chain stops short of its total).
 */
export async function verifyAuditStore(db: AuditDatabase, trusted: TrustedKeys, options: VerifyOptions = {}): Promise<VerificationReport> {
  const writers: WriterVerification[] = [];
  const known = new Set(await auditWriters(db));
  if (options.witness) for (const writerId of await witnessedWriters(options.witness)) known.add(writerId);
  if (options.progress) options.progress.step('verify: audit events', await countEvents(db));
  for (const writerId of known) writers.push(await verifyWriter(db, writerId, trusted, options));
  const findings = writers.flatMap((w) => (w.finding ? [w.finding] : []));
  return { ok: findings.length === 0, writers, findings };
}
