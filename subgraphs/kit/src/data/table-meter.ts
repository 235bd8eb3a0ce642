import type { ProgressSink } from '../progress/progress-sink';

/**
 * A walk through a population of known size that a table's rows are drawn
 * from, sparsely (a pointer for some persons, an approval for fewer): its
 * progress counts the walk, whose size is known, rather than the rows, whose
 * number is not. The generator adds to `done` as it walks.
 */
export interface CountedWalk {
  /** What is walked, for the step's label (`persons`). */
  readonly unit: string;
  readonly total: number;
  done: number;
}

/** A walk of `total` units, not yet started. */
export function countedWalk(unit: string, total: number): CountedWalk {
  return { unit, total, done: 0 };
}

/** Yields the items, counting each on the walk before it is handed on. */
export function* walking<T>(items: Iterable<T>, walk: CountedWalk): Generator<T> {
  for (const item of items) {
    walk.done += 1;
    yield item;
  }
}

/** What the bulk writer knows of a table for its progress. */
export interface MeteredTable {
  table: string;
  rows: Iterable<unknown>;
  expectedRows?: number;
  walk?: CountedWalk;
}

/** Units between two reports: progress is told in batches, not per row. */
export const PROGRESS_BATCH = 1_000;

/** Counts a table's rows as they are written and reports its step. */
export interface TableMeter {
  /** One more row written. */
  row(): void;
  /** The table is written: the rest is reported; returns the rows written. */
  finish(): number;
}

/**
 * Opens the table's step (its name, and its size: the walk's, the expected
 * rows, an array's length, else unknown) and meters it in batches.
 */
export function meterTable(table: MeteredTable, progress: ProgressSink): TableMeter {
  const { walk } = table;
  const size = walk ? walk.total : (table.expectedRows ?? (Array.isArray(table.rows) ? table.rows.length : null));
  progress.step(walk ? `${table.table} (${walk.unit})` : table.table, size);
  let rows = 0;
  let reported = 0;
  const position = walk ? () => walk.done : () => rows;
  const report = () => {
    const at = position();
    if (at > reported) progress.advance(at - reported);
    reported = at;
  };
  return {
    row() {
      rows += 1;
      if (position() - reported >= PROGRESS_BATCH) report();
    },
    finish() {
      report();
      return rows;
    },
  };
}
