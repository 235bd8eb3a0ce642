import { describe, expect, it } from 'vitest';
import { publishedGroups, suppressSmallCells, type CountedCell, type PublishedCells } from './cell-suppression';

/**
 * An attacker holding what a table publishes: the published cells, the total
 * when it is published and then, conservatively, every marginal (a console
 * may show them, and another window's total minus this one's gives the
 * marginals of a day). It peels: a group whose sum is known with one unknown
 * cell left gives that cell away. Returns the cells it learned that were
 * suppressed.
 */
function recomputedSuppressedCells(
  cells: readonly CountedCell[],
  dimensionCount: number,
  published: PublishedCells,
  periodDimension?: number,
): string[] {
  const kept = cells.filter((cell) => cell.count > 0);
  const known = published.rows.map((row) => row.count);
  const learned: string[] = [];
  if (published.total === null) return learned;
  const groups = publishedGroups(kept, dimensionCount, periodDimension);
  for (let progress = true; progress;) {
    progress = false;
    for (const group of groups) {
      const unknown = group.filter((index) => known[index] === null);
      if (unknown.length !== 1) continue;
      const [index] = unknown;
      if (index === undefined) continue;
      const trueSum = group.reduce((sum, member) => sum + (kept[member]?.count ?? 0), 0);
      const others = group.reduce((sum, member) => sum + (member === index ? 0 : (known[member] ?? 0)), 0);
      known[index] = trueSum - others;
      learned.push(kept[index]?.values.join('/') ?? '');
      progress = true;
    }
  }
  return learned;
}

const cell = (count: number, ...values: string[]): CountedCell => ({ values, count });

interface Case {
  why: string;
  cells: CountedCell[];
  dims: number;
  period?: number;
  counts: (number | null)[];
  reasons: (string | null)[];
  total: number | null;
}

describe('suppressSmallCells', () => {
  it.each<Case>([
    {
      why: 'every cell at or above the threshold: all published, the total too',
      cells: [cell(10, 'A'), cell(25, 'B')],
      dims: 1,
      counts: [10, 25],
      reasons: [null, null],
      total: 35,
    },
    {
      why: 'one small cell in a list: it and the smallest other are suppressed, the total stays',
      cells: [cell(3, 'A'), cell(40, 'B'), cell(12, 'C')],
      dims: 1,
      counts: [null, 40, null],
      reasons: ['SMALL_CELL', null, 'COMPLEMENTARY'],
      total: 55,
    },
    {
      why: 'two small cells in a list protect each other',
      cells: [cell(3, 'A'), cell(40, 'B'), cell(4, 'C')],
      dims: 1,
      counts: [null, 40, null],
      reasons: ['SMALL_CELL', null, 'SMALL_CELL'],
      total: 47,
    },
    {
      why: 'a total under the threshold is withheld, and every cell is small',
      cells: [cell(3, 'A'), cell(4, 'B')],
      dims: 1,
      counts: [null, null],
      reasons: ['SMALL_CELL', 'SMALL_CELL'],
      total: null,
    },
    {
      why: 'zero cells are not listed',
      cells: [cell(0, 'A'), cell(15, 'B'), cell(11, 'C')],
      dims: 1,
      counts: [15, 11],
      reasons: [null, null],
      total: 26,
    },
    {
      why: 'a 2 x 2 table with one small cell: its row and column partners, then the fourth cell',
      cells: [cell(2, 'x', 'p'), cell(30, 'x', 'q'), cell(20, 'y', 'p'), cell(50, 'y', 'q')],
      dims: 2,
      counts: [null, null, null, null],
      reasons: ['SMALL_CELL', 'COMPLEMENTARY', 'COMPLEMENTARY', 'COMPLEMENTARY'],
      total: 102,
    },
    {
      why: 'a 2 x 3 table: the complement is the smallest of each line, the rest is published',
      cells: [cell(2, 'x', 'p'), cell(30, 'x', 'q'), cell(12, 'x', 'r'), cell(15, 'y', 'p'), cell(50, 'y', 'q'), cell(40, 'y', 'r')],
      dims: 2,
      counts: [null, 30, null, null, 50, null],
      reasons: ['SMALL_CELL', null, 'COMPLEMENTARY', 'COMPLEMENTARY', null, 'COMPLEMENTARY'],
      total: 149,
    },
    {
      why: 'a day holding one small cell and nothing else to suppress withholds the total (windows differing by that day give it)',
      cells: [cell(2, 'day1', 'ELIGIBLE'), cell(30, 'day2', 'ELIGIBLE'), cell(45, 'day2', 'NOT_FOUND')],
      dims: 2,
      period: 0,
      counts: [null, null, null],
      reasons: ['SMALL_CELL', 'COMPLEMENTARY', 'COMPLEMENTARY'],
      total: null,
    },
    {
      why: 'the same line outside a windowed table: a one-cell marginal is the cell itself, the total stays',
      cells: [cell(2, 'A', 'x'), cell(30, 'B', 'x'), cell(45, 'B', 'y')],
      dims: 2,
      counts: [null, null, null],
      reasons: ['SMALL_CELL', 'COMPLEMENTARY', 'COMPLEMENTARY'],
      total: 77,
    },
    {
      why: 'a regime that fixes its organism: one-cell marginals do not withhold the total',
      cells: [
        cell(3, 'CNOPS', 'ETUDIANTS', 'DOD'),
        cell(40, 'CNOPS', 'ETUDIANTS', 'CSE'),
        cell(25, 'CNOPS', 'PUBLIC', 'DOD'),
        cell(90, 'CNOPS', 'PUBLIC', 'CSE'),
        cell(60, 'CNSS', 'PRIVE', 'DOD'),
        cell(300, 'CNSS', 'PRIVE', 'CSE'),
      ],
      dims: 3,
      counts: [null, null, null, null, 60, 300],
      reasons: ['SMALL_CELL', 'COMPLEMENTARY', 'COMPLEMENTARY', 'COMPLEMENTARY', null, null],
      total: 518,
    },
    {
      why: 'a month of a one-dimension windowed table with a small count withholds the total',
      cells: [cell(4, '2026-09'), cell(25, '2026-10'), cell(30, '2026-11')],
      dims: 1,
      period: 0,
      counts: [null, null, 30],
      reasons: ['SMALL_CELL', 'COMPLEMENTARY', null],
      total: null,
    },
    {
      why: 'ties are broken by the values, whatever the input order',
      cells: [cell(12, 'C'), cell(3, 'A'), cell(12, 'B')],
      dims: 1,
      counts: [12, null, null],
      reasons: [null, 'SMALL_CELL', 'COMPLEMENTARY'],
      total: 27,
    },
  ])('$why', ({ cells, dims, counts, reasons, total, period }: Case) => {
    const published = suppressSmallCells(cells, dims, 10, period);
    expect(published.rows.map((row) => row.count)).toEqual(counts);
    expect(published.rows.map((row) => row.suppressed)).toEqual(reasons);
    expect(published.total).toBe(total);
    expect(recomputedSuppressedCells(cells, dims, published, period)).toEqual([]);
  });

  it.each([
    [5, [7, 12], [7, 12]],
    [10, [7, 12], [null, null]],
  ])('follows the configured threshold (%i)', (threshold, [first, second], expected) => {
    const published = suppressSmallCells([cell(first ?? 0, 'A'), cell(second ?? 0, 'B')], 1, threshold);
    expect(published.rows.map((row) => row.count)).toEqual(expected);
  });

  it('resists an attacker recomputing cells from the totals and marginals, over random tables of two and three dimensions', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let table = 0; table < 300; table += 1) {
      const dims = table % 2 === 0 ? 2 : 3;
      const sizes = Array.from({ length: dims }, () => 2 + Math.floor(random() * 4));
      const cells: CountedCell[] = [];
      const walk = (prefix: string[]): void => {
        if (prefix.length === dims) {
          const roll = random();
          cells.push(cell(roll < 0.15 ? 0 : roll < 0.45 ? 1 + Math.floor(random() * 9) : 10 + Math.floor(random() * 90), ...prefix));
          return;
        }
        for (let value = 0; value < (sizes[prefix.length] ?? 0); value += 1) walk([...prefix, `v${value}`]);
      };
      walk([]);
      const period = table % 3 === 0 ? 0 : undefined;
      const published = suppressSmallCells(cells, dims, 10, period);
      expect(recomputedSuppressedCells(cells, dims, published, period)).toEqual([]);
      for (const row of published.rows) if (row.count !== null) expect(row.count).toBeGreaterThanOrEqual(10);
    }
  });
});
