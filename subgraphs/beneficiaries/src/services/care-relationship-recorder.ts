import { addDays, sqlPlaceholders, todayIn, type Logger } from '@cmb/kit';
import type { DataSource } from 'typeorm';

/** One care relationship: an organisation checked a person's eligibility on a day. */
export interface CareRelationshipFact {
  personRef: string;
  org: string;
  /** YYYY-MM-DD, Africa/Casablanca. */
  lastCheckOn: string;
}

/** How the recorder buffers and writes. */
export interface CareRelationshipRecorderOptions {
  /** How often the buffer is written, in milliseconds. */
  flushIntervalMs: number;
  /** Most distinct (person, organisation) pairs held between two writes; beyond, new pairs are dropped (and counted). */
  maxPending: number;
  /** Days a relationship is kept after its last check; older ones are purged. Without it, nothing is purged. */
  retentionDays?: number;
  /** How often expired relationships are purged, in milliseconds (with `retentionDays`). */
  purgeIntervalMs?: number;
  /** Rows one purge statement deletes at most (1,000 by default), so a purge never holds a long lock. */
  purgeRowsPerStatement?: number;
  /** The time zone of the days (Africa/Casablanca by default). */
  timeZone?: string;
}

/** Rows one purge statement deletes at most, unless told. */
const PURGE_ROWS_PER_STATEMENT = 1_000;

/** Rows per statement: 3 parameters each, under SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_STATEMENT = 300;

const keyOf = (personRef: string, org: string) => `${personRef}\u0000${org}`;

/** Keeps the later day of two facts for the same pair. */
function merge(into: Map<string, CareRelationshipFact>, fact: CareRelationshipFact): void {
  const key = keyOf(fact.personRef, fact.org);
  const known = into.get(key);
  if (!known || known.lastCheckOn < fact.lastCheckOn) into.set(key, fact);
}

/**
 * Records care relationships off the hot path: an eligibility check only
 * notes (person, organisation, day) in memory, deduplicated; a timer writes
 * the buffer every `flushIntervalMs` in one transaction with an upsert that
 * keeps the later day (the same SQL on PostgreSQL and SQLite), and `close`
 * writes what is left. Reads see the buffer too, so a relationship counts
 * from the moment of the check on this instance. A failed write is retried
 * with the next one.
 */
export class CareRelationshipRecorder {
  private pending = new Map<string, CareRelationshipFact>();
  private writing = new Map<string, CareRelationshipFact>();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private purgeTimer: NodeJS.Timeout | null = null;
  private purging: Promise<number> | null = null;
  /** Pairs dropped because the buffer was full (the database was unreachable for long). */
  dropped = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: CareRelationshipRecorderOptions,
    private readonly logger?: Logger,
  ) {}

  /** Starts the periodic write, and the periodic purge when a retention is set; the timers never keep the process alive. */
  start(): this {
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
      this.timer.unref();
    }
    if (!this.purgeTimer && this.options.retentionDays !== undefined && this.options.purgeIntervalMs) {
      this.purgeTimer = setInterval(() => {
        this.purge().catch((error: unknown) => this.logger?.warn({ err: error }, 'expired care relationships not purged yet'));
      }, this.options.purgeIntervalMs);
      this.purgeTimer.unref();
    }
    return this;
  }

  /**
   * Deletes the relationships whose last check is older than the retention
   * (`retentionDays` before today): they no longer count, and a registry of
   * who saw whom keeps nothing it does not need. Bounded batches, each one
   * statement on the `last_check_on` index, until none is left; one purge at
   * a time. Returns the number of rows deleted.
   */
  async purge(now: Date = new Date()): Promise<number> {
    if (this.options.retentionDays === undefined) return 0;
    if (this.purging) return this.purging;
    const cutoff = addDays(todayIn(this.options.timeZone ?? 'Africa/Casablanca', now), -this.options.retentionDays);
    const limit = this.options.purgeRowsPerStatement ?? PURGE_ROWS_PER_STATEMENT;
    const postgres = this.dataSource.options.type === 'postgres';
    const [before, bound] = sqlPlaceholders(this.dataSource, 2).split(', ');
    const sql = `DELETE FROM care_relationship WHERE (person_ref, org) IN (
      SELECT person_ref, org FROM care_relationship WHERE last_check_on < ${postgres ? `${before}::date` : before} LIMIT ${bound})`;
    this.purging = (async () => {
      let total = 0;
      const runner = this.dataSource.createQueryRunner();
      try {
        for (;;) {
          const result = await runner.query(sql, [cutoff, limit], true);
          const deleted = Number(result.affected ?? 0);
          total += deleted;
          if (deleted < limit) return total;
        }
      } finally {
        await runner.release();
      }
    })().finally(() => {
      this.purging = null;
    });
    return this.purging;
  }

  /** Notes that an organisation checked a person's eligibility on a day: memory only, no I/O. */
  note(personRef: string, org: string, lastCheckOn: string): void {
    if (!this.pending.has(keyOf(personRef, org)) && this.pending.size >= this.options.maxPending) {
      this.dropped += 1;
      return;
    }
    merge(this.pending, { personRef, org, lastCheckOn });
  }

  /** Writes the buffer now (one transaction); resolves when it is committed, or when the write failed and the rows were put back. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    this.writing = this.pending;
    this.pending = new Map();
    const batch = [...this.writing.values()];
    this.flushing = this.write(batch)
      .catch(() => {
        // Put the rows back for the next write, unless newer ones came meanwhile.
        for (const fact of batch) {
          if (this.pending.size < this.options.maxPending || this.pending.has(keyOf(fact.personRef, fact.org))) merge(this.pending, fact);
          else this.dropped += 1;
        }
        this.logger?.warn({ rows: batch.length }, 'care relationships not written yet; retrying with the next write');
      })
      .finally(() => {
        this.writing = new Map();
        this.flushing = null;
      });
    await this.flushing;
  }

  /** Stops the timer and writes what is left (on shutdown, after the last request). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.timer = null;
    this.purgeTimer = null;
    await this.purging?.catch(() => undefined);
    await this.flush();
  }

  /**
   * The last check day of each person by one organisation, written or still
   * buffered (null where there is none), in the order asked: one indexed
   * statement per call.
   */
  async lastChecks(org: string, personRefs: readonly string[]): Promise<(string | null)[]> {
    const distinct = [...new Set(personRefs)];
    if (distinct.length === 0) return [];
    const postgres = this.dataSource.options.type === 'postgres';
    const placeholders = distinct.map((_, i) => (postgres ? `$${i + 2}` : '?')).join(', ');
    const rows = (await this.dataSource.query(
      `SELECT person_ref, CAST(last_check_on AS TEXT) AS last_check_on FROM care_relationship WHERE org = ${postgres ? '$1' : '?'} AND person_ref IN (${placeholders})`,
      [org, ...distinct],
    )) as { person_ref: string; last_check_on: string }[];
    const known = new Map<string, CareRelationshipFact>();
    for (const row of rows) merge(known, { personRef: row.person_ref, org, lastCheckOn: String(row.last_check_on).slice(0, 10) });
    for (const buffer of [this.writing, this.pending]) {
      for (const ref of distinct) {
        const fact = buffer.get(keyOf(ref, org));
        if (fact) merge(known, fact);
      }
    }
    return personRefs.map((ref) => known.get(keyOf(ref, org))?.lastCheckOn ?? null);
  }

  private async write(batch: CareRelationshipFact[]): Promise<void> {
    const postgres = this.dataSource.options.type === 'postgres';
    await this.dataSource.transaction(async (manager) => {
      for (let start = 0; start < batch.length; start += ROWS_PER_STATEMENT) {
        const rows = batch.slice(start, start + ROWS_PER_STATEMENT);
        const values = rows.map((_, i) => (postgres ? `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3}::date)` : '(?, ?, ?)')).join(', ');
        await manager.query(
          `INSERT INTO care_relationship (person_ref, org, last_check_on) VALUES ${values}
           ON CONFLICT (person_ref, org) DO UPDATE SET last_check_on = excluded.last_check_on
           WHERE care_relationship.last_check_on < excluded.last_check_on`,
          rows.flatMap((fact) => [fact.personRef, fact.org, fact.lastCheckOn]),
        );
      }
    });
  }
}
