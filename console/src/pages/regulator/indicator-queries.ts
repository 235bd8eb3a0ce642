/** Why a cell is not published: fewer persons than the threshold, or computable back from the totals and other cells. */
export type Suppression = 'SMALL_CELL' | 'COMPLEMENTARY';

/** One aggregated table, never personal: dimension values and a count per row, suppressed cells without a count. */
export interface IndicatorTable {
  id: string;
  title: string;
  threshold: number;
  dimensions: string[];
  rows: { values: string[]; count: number | null; suppressed: Suppression | null }[];
  total: number | null;
}

const TABLE = 'id title threshold dimensions rows { values count suppressed } total';

/** Every indicator the regulator's page draws: coverage (as of a day), eligibility checks and break-glass accesses (a period). */
export const INDICATORS = /* GraphQL */ `
  query ConsoleIndicators($asOf: Date, $from: Date!, $to: Date!) {
    coverageIndicators(asOf: $asOf) { ${TABLE} }
    eligibilityCheckIndicators(from: $from, to: $to) { ${TABLE} }
    breakGlassIndicators(from: $from, to: $to) { ${TABLE} }
  }
`;
