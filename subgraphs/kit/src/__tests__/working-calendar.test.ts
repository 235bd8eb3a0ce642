import { describe, expect, it } from 'vitest';
import { isWorkingDay, workingDaysBetween, type WorkingCalendar } from '../freshness/working-calendar';

// Saturday and Sunday off; 2026-11-18 (a Wednesday) as a public holiday.
const calendar: WorkingCalendar = { weekendDays: [0, 6], holidays: ['2026-11-18'] };

describe('working calendar', () => {
  it.each([
    ['2026-11-16', '2026-11-16', 0, 'same day'],
    ['2026-11-16', '2026-11-15', 0, 'backwards'],
    ['2026-11-16', '2026-11-17', 1, 'Monday to Tuesday'],
    ['2026-11-16', '2026-11-20', 3, 'the Wednesday holiday is not counted'],
    ['2026-11-20', '2026-11-23', 1, 'Friday to Monday skips the weekend'],
    ['2026-11-13', '2026-11-27', 9, 'two weeks less one holiday'],
  ])('from %s to %s: %i (%s)', (from, to, expected) => {
    expect(workingDaysBetween(from, to, calendar)).toBe(expected);
  });

  it('knows weekends and holidays', () => {
    expect(isWorkingDay('2026-11-18', calendar)).toBe(false);
    expect(isWorkingDay('2026-11-21', calendar)).toBe(false);
    expect(isWorkingDay('2026-11-19', calendar)).toBe(true);
  });
});
