import { appError, indicatorTable, wholeMonths, type IndicatorTableType, type Language } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import indicators from '../reference-data/indicators.json';
import type { IndicatorCounter } from './indicator-counter';

/** The indicator ids the registry counts itself. */
export const COUNTED = {
  eligibilityChecks: indicators.eligibilityChecks.id,
  doubleRegistrations: indicators.doubleRegistrations.id,
} as const;

/** The regime of a decision without coverage (a person not found). */
export const NO_REGIME = indicators.eligibilityChecks.noRegime;

/** The region of a person whose identity source gave none. */
const UNKNOWN_REGION = 'UNKNOWN';

/** Most days waiting for their count behind the one being counted; a reader asking another day past them is refused (`STATISTICS_BUSY`). */
export const MAX_DAYS_WAITING = 2;

/** How long a reader refused for a busy count is told to wait. */
const RETRY_SECONDS = 5;

/** Counted cells of the open rights of a day. */
interface OpenRightsCounts {
  insured: { values: string[]; count: number }[];
  dependants: { values: string[]; count: number }[];
}

/**
 * The regulator's indicators of the registry: aggregated in SQL (one GROUP BY
 * each, both dialects), suppressed by the kit; never a person or a row.
 */
export class CoverageIndicators {
  /** The counts of open rights being computed or waiting their turn, by day. */
  private readonly counting = new Map<string, Promise<OpenRightsCounts>>();
  /** The end of the last count started: each day's count runs after it, one at a time. */
  private lastCount: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly counter: IndicatorCounter,
  ) {}

  /** Persons with open rights on a day (an ACTIVE affiliation in its period), counted by the given columns, for some roles. */
  private async openRights(
    asOf: string,
    roles: readonly string[],
    columns: readonly string[],
  ): Promise<{ values: string[]; count: number }[]> {
    const postgres = this.dataSource.options.type === 'postgres';
    const p = (i: number) => (postgres ? `$${i}` : '?');
    const day = postgres ? `${p(1)}::date` : p(1);
    const after = postgres ? `${p(2)}::date` : p(2);
    const roleList = roles.map((_, i) => p(i + 3)).join(', ');
    const rows = (await this.dataSource.query(
      `SELECT ${columns.map((column, i) => `${column} AS d${i}`).join(', ')}, count(*) AS persons
         FROM affiliation a JOIN person p ON p.ref = a.person_ref
        WHERE a.status = 'ACTIVE' AND a.valid_from <= ${day} AND (a.valid_until IS NULL OR a.valid_until >= ${after})
          AND a.role IN (${roleList})
        GROUP BY ${columns.map((_, i) => i + 1).join(', ')}`,
      [asOf, asOf, ...roles],
    )) as Record<string, unknown>[];
    return rows.map((row) => ({ values: columns.map((_, i) => String(row[`d${i}`])), count: Number(row.persons) }));
  }

  /**
   * The open rights of a day, counted once for every request asking it at the
   * same time, and one day at a time: each count is a scan of the open
   * affiliations (seconds at national scale), on the pool that also serves
   * the eligibility checks, so neither a burst of readers of one day nor a
   * reader asking many days may hold more than one of its connections. A day
   * asked while `MAX_DAYS_WAITING` others wait their turn is refused
   * (`STATISTICS_BUSY`), rather than queued past the gateway's timeout.
   */
  private openRightsOn(asOf: string): Promise<OpenRightsCounts> {
    const shared = this.counting.get(asOf);
    if (shared) return shared;
    // The day being counted and those waiting behind it.
    if (this.counting.size > MAX_DAYS_WAITING) throw appError('STATISTICS_BUSY', { seconds: RETRY_SECONDS });
    const counting = this.lastCount
      .then(async () => ({
        insured: await this.openRights(asOf, ['INSURED'], ['a.organism', 'a.regime', `coalesce(p.region, '${UNKNOWN_REGION}')`]),
        dependants: await this.openRights(asOf, ['SPOUSE', 'CHILD'], ['a.organism', 'a.role']),
      }))
      .finally(() => this.counting.delete(asOf));
    // A count that fails lets the next one run all the same.
    this.lastCount = counting.catch(() => undefined);
    this.counting.set(asOf, counting);
    return counting;
  }

  /** The coverage tables on a day: insured persons by organism, regime and region; dependants by organism and role; double registrations caught by whole month (the day's month and the 11 before). */
  async coverage(asOf: string, threshold: number, language: Language): Promise<IndicatorTableType[]> {
    const { insured, dependants } = await this.openRightsOn(asOf);
    // Whole months, asOf's included: two days of one month would otherwise give away the catches between them.
    const months = wholeMonths({ from: `${monthsBefore(asOf, indicators.doubleRegistrations.monthsBack - 1)}-01`, to: asOf });
    const caught = await this.counter.counts(COUNTED.doubleRegistrations, months.from, months.to);
    return [
      indicatorTable(indicators.insured, insured, threshold, language),
      indicatorTable(indicators.dependants, dependants, threshold, language),
      indicatorTable(
        indicators.doubleRegistrations,
        sumBy(caught, (count) => [count.day.slice(0, 7)]),
        threshold,
        language,
      ),
    ];
  }

  /** Eligibility checks of a window of days by day, outcome and regime. */
  async eligibilityChecks(from: string, to: string, threshold: number, language: Language): Promise<IndicatorTableType> {
    const counts = await this.counter.counts(COUNTED.eligibilityChecks, from, to);
    return indicatorTable(
      indicators.eligibilityChecks,
      sumBy(counts, (count) => [count.day, count.firstValue, count.secondValue]),
      threshold,
      language,
    );
  }
}

/** The month (YYYY-MM) some months before a day's month. */
function monthsBefore(day: string, months: number): string {
  const [year, month] = day.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1 - months, 1));
  return date.toISOString().slice(0, 7);
}

/** Sums counts by the values a key function gives. */
function sumBy<T extends { occurrences: number }>(
  counts: readonly T[],
  key: (count: T) => string[],
): { values: string[]; count: number }[] {
  const sums = new Map<string, { values: string[]; count: number }>();
  for (const count of counts) {
    const values = key(count);
    const id = values.join('\u0000');
    const sum = sums.get(id) ?? { values, count: 0 };
    sum.count += count.occurrences;
    sums.set(id, sum);
  }
  return [...sums.values()];
}
