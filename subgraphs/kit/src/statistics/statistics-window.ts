import { appError } from '../errors/app-error';
import { daysBetween, toIsoDate } from '../identifiers/dates';

/** A window of whole days, both included, as YYYY-MM-DD. */
export interface DayWindow {
  from: string;
  to: string;
}

/**
 * The window of a dated indicator, validated at the edge: real dates, `from`
 * on or before `to`, at most `maxDays` days (both included); otherwise
 * `BAD_USER_INPUT` saying what to fix.
 */
export function statisticsWindow(from: Date | string, to: Date | string, maxDays: number): DayWindow {
  const window = { from: toIsoDate(from), to: toIsoDate(to) };
  const days = daysBetween(window.from, window.to) + 1;
  if (days < 1 || days > maxDays) throw appError('STATISTICS_WINDOW_INVALID', { max: maxDays });
  return window;
}

/**
 * A window widened to the whole months it touches: from the first day of
 * `from`'s month to the last day of `to`'s month. A table counted by month
 * is counted on such a window only, so that two windows differ by whole
 * months (the periods complementary suppression protects), never by a day
 * whose count, under the threshold, the difference of two month cells would give.
 */
export function wholeMonths(window: DayWindow): DayWindow {
  const [year, month] = window.to.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year ?? 0, month ?? 1, 0)).toISOString().slice(0, 10);
  return { from: `${window.from.slice(0, 7)}-01`, to: lastDay };
}
