/** Why a cell of an indicator table is not published. */
export type CellSuppressionReason = 'SMALL_CELL' | 'COMPLEMENTARY';

/** One cell before suppression: its dimension values (in the table's dimension order) and its count. */
export interface CountedCell {
  values: readonly string[];
  count: number;
}

/** One published row: the count, or null with the reason it was suppressed. */
export interface PublishedCell {
  values: string[];
  count: number | null;
  suppressed: CellSuppressionReason | null;
}

/** A table ready to publish: its rows and its total (null when below the threshold or when it would give a suppressed cell away). */
export interface PublishedCells {
  rows: PublishedCell[];
  total: number | null;
}

/**
 * The groups of cells whose sums an attacker may know: the grand total, and
 * every marginal (the cells sharing the values of any proper, non-empty subset
 * of the dimensions). A marginal of one cell is that cell, known only if it
 * is published, so it is left out; except a period's (the cells of one day or
 * month, `periodDimension`): the totals of two windows that differ by that
 * period give it away, whatever it holds.
 */
export function publishedGroups(cells: readonly CountedCell[], dimensionCount: number, periodDimension?: number): number[][] {
  const full = (1 << dimensionCount) - 1;
  const periodMask = periodDimension === undefined ? null : 1 << periodDimension;
  // Every proper subset of the dimensions, and the period's even when it is the only dimension.
  const masks = Array.from({ length: Math.max(full - 1, 0) }, (_, index) => index + 1);
  if (periodMask === full) masks.push(periodMask);
  const groups: number[][] = [cells.map((_, index) => index)];
  for (const mask of masks) {
    const byKey = new Map<string, number[]>();
    cells.forEach((cell, index) => {
      const key = cell.values.map((value, dimension) => (mask & (1 << dimension) ? value : '')).join('\u0000');
      const group = byKey.get(key);
      if (group) group.push(index);
      else byKey.set(key, [index]);
    });
    groups.push(...[...byKey.values()].filter((group) => group.length > 1 || mask === periodMask));
  }
  return groups;
}

/** Orders cells by count, then by their values, so the choice of a complementary cell never depends on the input order. */
function smaller(cells: readonly CountedCell[], a: number, b: number): boolean {
  const [left, right] = [cells[a], cells[b]];
  if (!left || !right) return false;
  if (left.count !== right.count) return left.count < right.count;
  return left.values.join('\u0000') < right.values.join('\u0000');
}

/**
 * Suppresses the cells of an aggregated table so that no person's group can
 * be read or computed back:
 * - a cell under `threshold` is suppressed (`SMALL_CELL`);
 * - in every group whose sum can be known ({@link publishedGroups}), a group
 *   holding exactly one suppressed cell gets a second one suppressed, its
 *   smallest published cell (`COMPLEMENTARY`), until no group changes;
 * - a group with one suppressed cell and no other cell to suppress (a period
 *   of a windowed table holding one small cell: another window's total minus
 *   this one's gives it) withholds the total, as a total under `threshold` is.
 * Cells with a count of zero are dropped: the table lists only the
 * combinations that hold at least one person or event.
 */
export function suppressSmallCells(
  cells: readonly CountedCell[],
  dimensionCount: number,
  threshold: number,
  periodDimension?: number,
): PublishedCells {
  const kept = cells.filter((cell) => cell.count > 0);
  const reasons: (CellSuppressionReason | null)[] = kept.map((cell) => (cell.count < threshold ? 'SMALL_CELL' : null));
  const groups = publishedGroups(kept, dimensionCount, periodDimension);
  let totalWithheld = false;
  for (let changed = true; changed;) {
    changed = false;
    for (const group of groups) {
      const suppressed = group.filter((index) => reasons[index] !== null);
      if (suppressed.length !== 1) continue;
      let candidate: number | null = null;
      for (const index of group) {
        if (reasons[index] === null && (candidate === null || smaller(kept, index, candidate))) candidate = index;
      }
      if (candidate === null) {
        totalWithheld = true;
        continue;
      }
      reasons[candidate] = 'COMPLEMENTARY';
      changed = true;
    }
  }
  const sum = kept.reduce((total, cell) => total + cell.count, 0);
  return {
    rows: kept.map((cell, index) => {
      const reason = reasons[index] ?? null;
      return { values: [...cell.values], count: reason ? null : cell.count, suppressed: reason };
    }),
    total: totalWithheld || sum < threshold ? null : sum,
  };
}
