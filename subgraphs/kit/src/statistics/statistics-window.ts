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
