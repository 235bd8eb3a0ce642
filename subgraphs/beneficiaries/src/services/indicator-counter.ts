import type { Logger } from '@cmb/kit';
import type { DataSource, EntityManager } from 'typeorm';

/** One count of {@link IndicatorCounter}: an indicator, a day and up to two values. */
export interface IndicatorCount {
  indicator: string;
  /** YYYY-MM-DD, Africa/Casablanca. */
  day: string;
  firstValue: string;
  secondValue: string;
  occurrences: number;
}

/** Rows per statement: 5 parameters each, under SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_STATEMENT = 150;

const keyOf = (count: Omit<IndicatorCount, 'occurrences'>) =>
  `${count.indicator}\u0000${count.day}\u0000${count.firstValue}\u0000${count.secondValue}`;

/** Adds a count into a buffer. */
function add(into: Map<string, IndicatorCount>, count: IndicatorCount): void {
  const key = keyOf(count);
  const known = into.get(key);
  if (known) known.occurrences += count.occurrences;
  else into.set(key, { ...count });
}

/**
 * Upserts counts, adding to those already written: the same SQL on PostgreSQL
 * and SQLite, in the transaction of the caller's manager.
 */
export async function addIndicatorCounts(
  manager: Pick<EntityManager, 'query'>,
  postgres: boolean,
  counts: readonly IndicatorCount[],
): Promise<void> {
  for (let start = 0; start < counts.length; start += ROWS_PER_STATEMENT) {
    const rows = counts.slice(start, start + ROWS_PER_STATEMENT);
    const values = rows
      .map((_, i) =>
        postgres ? `($${5 * i + 1}, $${5 * i + 2}, $${5 * i + 3}, $${5 * i + 4}, $${5 * i + 5}::integer)` : '(?, ?, ?, ?, ?)',
      )
      .join(', ');
    await manager.query(
      `INSERT INTO indicator_count (indicator, day, first_value, second_value, occurrences) VALUES ${values}
       ON CONFLICT (indicator, day, first_value, second_value) DO UPDATE SET occurrences = indicator_count.occurrences + excluded.occurrences`,
      rows.flatMap((count) => [count.indicator, count.day, count.firstValue, count.secondValue, count.occurrences]),
    );
  }
}

/** How the counter writes. */
export interface IndicatorCounterOptions {
  /** How often the buffer is written, in milliseconds. */
  flushIntervalMs: number;
}

/**
 * Daily counts of the registry's own events, off the hot path: an
 * eligibility decision only adds one to a counter in memory (a map lookup,
 * no I/O); a timer writes the counters every `flushIntervalMs` in one
 * transaction (upserts that add), and `close` writes what is left. The keys
 * are a day, an outcome and a regime: a few hundred a day at most, whatever
 * the traffic. Reads add what is still buffered. A failed write is retried
 * with the next one.
 */
export class IndicatorCounter {
  private pending = new Map<string, IndicatorCount>();
  private writing = new Map<string, IndicatorCount>();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: IndicatorCounterOptions,
    private readonly logger?: Logger,
  ) {}

  /** Starts the periodic write; the timer never keeps the process alive. */
  start(): this {
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
      this.timer.unref();
    }
    return this;
  }

  /** Counts one event: memory only. */
  note(indicator: string, day: string, firstValue = '', secondValue = ''): void {
    const key = `${indicator}\u0000${day}\u0000${firstValue}\u0000${secondValue}`;
    const known = this.pending.get(key);
    if (known) known.occurrences += 1;
    else this.pending.set(key, { indicator, day, firstValue, secondValue, occurrences: 1 });
  }

  /** Writes the counters now (one transaction); resolves when committed, or when the write failed and the counts were put back. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    this.writing = this.pending;
    this.pending = new Map();
    const batch = [...this.writing.values()];
    const postgres = this.dataSource.options.type === 'postgres';
    this.flushing = this.dataSource
      .transaction((manager) => addIndicatorCounts(manager, postgres, batch))
      .catch(() => {
        for (const count of batch) add(this.pending, count);
        this.logger?.warn({ rows: batch.length }, 'indicator counts not written yet; retrying with the next write');
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
    this.timer = null;
    await this.flush();
  }

  /** The counts of an indicator over a window of days (both included), written or still buffered, summed by day and values. */
  async counts(indicator: string, from: string, to: string): Promise<IndicatorCount[]> {
    const postgres = this.dataSource.options.type === 'postgres';
    const p = (i: number) => (postgres ? `$${i}` : '?');
    const rows = (await this.dataSource.query(
      `SELECT day, first_value, second_value, occurrences FROM indicator_count WHERE indicator = ${p(1)} AND day >= ${p(2)} AND day <= ${p(3)}`,
      [indicator, from, to],
    )) as { day: string; first_value: string; second_value: string; occurrences: number | string }[];
    const totals = new Map<string, IndicatorCount>();
    for (const row of rows)
      add(totals, {
        indicator,
        day: row.day,
        firstValue: row.first_value,
        secondValue: row.second_value,
        occurrences: Number(row.occurrences),
      });
    for (const buffer of [this.writing, this.pending])
      for (const count of buffer.values()) if (count.indicator === indicator && count.day >= from && count.day <= to) add(totals, count);
    return [...totals.values()];
  }
}
