import { describe, expect, it } from 'vitest';
import { statisticsWindow, wholeMonths } from './statistics-window';

describe('the window of a dated indicator', () => {
  it.each([
    ['one day', '2026-03-02', '2026-03-02', { from: '2026-03-02', to: '2026-03-02' }],
    ['92 days', '2026-01-01', '2026-04-02', { from: '2026-01-01', to: '2026-04-02' }],
    ['a Date from the scalar', new Date('2026-03-02T00:00:00Z'), '2026-03-03', { from: '2026-03-02', to: '2026-03-03' }],
  ])('accepts %s', (_why, from, to, expected) => {
    expect(statisticsWindow(from, to, 92)).toEqual(expected);
  });

  it.each([
    ['93 days', '2026-01-01', '2026-04-03', 'STATISTICS_WINDOW_INVALID'],
    ['an end before the start', '2026-03-02', '2026-03-01', 'STATISTICS_WINDOW_INVALID'],
    ['an impossible date', '2026-02-30', '2026-03-01', 'DATE_MALFORMED'],
  ])('refuses %s', (_why, from, to, reason) => {
    expect(() => statisticsWindow(from, to, 92)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', reason }) }),
    );
  });
});

describe('a window widened to whole months', () => {
  it.each([
    ['a day inside a month', '2026-10-15', '2026-10-15', { from: '2026-10-01', to: '2026-10-31' }],
    ['two cuts inside two months', '2026-09-16', '2026-10-14', { from: '2026-09-01', to: '2026-10-31' }],
    ['whole months already', '2026-09-01', '2026-10-31', { from: '2026-09-01', to: '2026-10-31' }],
    ['February of a leap year', '2028-02-10', '2028-02-10', { from: '2028-02-01', to: '2028-02-29' }],
    ['February of a common year', '2026-02-10', '2026-02-10', { from: '2026-02-01', to: '2026-02-28' }],
    ['December, across the year', '2025-12-31', '2026-01-01', { from: '2025-12-01', to: '2026-01-31' }],
  ])('widens %s', (_why, from, to, expected) => {
    expect(wholeMonths({ from, to })).toEqual(expected);
  });
});
