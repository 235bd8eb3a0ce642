import type { Language } from '../errors/error-catalog';
import { suppressSmallCells, type CountedCell } from './cell-suppression';
import { CellSuppression, type IndicatorTableType } from './indicator-table.types';

/** What a subgraph knows of one of its indicators: its id, its title in each language and its dimensions. */
export interface IndicatorDefinition {
  id: string;
  titles: Record<Language, string>;
  dimensions: readonly string[];
  /** The index of the dimension a window is cut by (day, month), when the table is served for a window the caller chooses. */
  periodDimension?: number;
}

/**
 * An indicator table ready to serve: the rows in the order of their values,
 * the counts suppressed with the threshold ({@link suppressSmallCells}), the
 * title in the caller's language.
 */
export function indicatorTable(
  definition: IndicatorDefinition,
  cells: readonly CountedCell[],
  threshold: number,
  language: Language = 'fr',
): IndicatorTableType {
  const ordered = [...cells].sort((a, b) => a.values.join('\u0000').localeCompare(b.values.join('\u0000')));
  const published = suppressSmallCells(ordered, definition.dimensions.length, threshold, definition.periodDimension);
  return {
    id: definition.id,
    title: definition.titles[language],
    threshold,
    dimensions: [...definition.dimensions],
    rows: published.rows.map((row) => ({
      values: row.values,
      count: row.count,
      suppressed: row.suppressed === null ? null : CellSuppression[row.suppressed],
    })),
    total: published.total,
  };
}
