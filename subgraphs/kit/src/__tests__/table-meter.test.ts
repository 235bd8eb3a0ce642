import { describe, expect, it } from 'vitest';
import { countedWalk, meterTable, PROGRESS_BATCH, walking } from '../data/table-meter';
import { recordingProgress } from '../../../../test/support/recording-progress';

/** Meters every row of the table as the bulk writer does, counting the advances. */
function meterAll(table: Parameters<typeof meterTable>[0]) {
  const progress = recordingProgress();
  let advances = 0;
  const counted = { ...progress, advance: (count: number) => ((advances += 1), progress.advance(count)) };
  const meter = meterTable(table, counted);
  for (const _row of table.rows) meter.row();
  return { rows: meter.finish(), steps: progress.steps, advances };
}

describe('table meter: a bulk table as a progress step', () => {
  it.each<[string, Parameters<typeof meterTable>[0], { label: string; total: number | null; done: number }]>([
    ['an array: its length', { table: 'gmr_version', rows: [[1], [2], [3]] }, { label: 'gmr_version', total: 3, done: 3 }],
    [
      'a generator with expected rows',
      {
        table: 'person',
        rows: (function* () {
          for (let i = 0; i < 2_500; i += 1) yield [i];
        })(),
        expectedRows: 2_500,
      },
      { label: 'person', total: 2_500, done: 2_500 },
    ],
    [
      'a generator of unknown length',
      {
        table: 'convention',
        rows: (function* () {
          yield [1];
          yield [2];
        })(),
      },
      { label: 'convention', total: null, done: 2 },
    ],
  ])('%s', (_case, table, step) => {
    expect(meterAll(table).steps).toEqual([step]);
  });

  it('counts the walk of a table drawn sparsely from a population, to its end', () => {
    const walk = countedWalk('persons', 10_000);
    const persons = Array.from({ length: 10_000 }, (_, i) => i);
    const rows = (function* () {
      for (const person of walking(persons, walk)) if (person % 100 === 0) yield [person];
    })();
    const metered = meterAll({ table: 'prior_approval', rows, walk });
    expect(metered.rows).toBe(100);
    expect(metered.steps).toEqual([{ label: 'prior_approval (persons)', total: 10_000, done: 10_000 }]);
    expect(metered.advances).toBeLessThanOrEqual(10_000 / PROGRESS_BATCH + 1);
  });

  it('tells rows in batches, not one by one', () => {
    const rows = Array.from({ length: 10 * PROGRESS_BATCH + 1 }, (_, i) => [i]);
    expect(meterAll({ table: 'person', rows }).advances).toBe(11);
  });
});
