import { addDays } from '../identifiers/dates';

/** A working calendar from reference data: the days of the week that are not worked, and the public holidays. */
export interface WorkingCalendar {
  /** Days of the week (0 = Sunday) that are not working days. */
  weekendDays: readonly number[];
  /** Public holidays, YYYY-MM-DD (the Moroccan calendar lives in reference data; its Hijri dates move each year). */
  holidays: readonly string[];
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** True when the day is worked: not a weekend day, not a public holiday. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  return !calendar.weekendDays.includes(weekday(date)) && !calendar.holidays.includes(date);
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not
 * later), on the calendar: weekends and public holidays are not counted.
 * Bounded: a gap of more than ten years counts as ten years.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  if (to <= from) return 0;
  const holidays = new Set(calendar.holidays);
  let count = 0;
  let day = from;
  for (let step = 0; step < 3_660; step += 1) {
    day = addDays(day, 1);
    if (day > to) break;
    if (!calendar.weekendDays.includes(weekday(day)) && !holidays.has(day)) count += 1;
  }
  return count;
}
