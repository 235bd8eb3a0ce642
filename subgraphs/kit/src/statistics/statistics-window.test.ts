import { describe, expect, it } from 'vitest';
import { statisticsWindow } from './statistics-window';

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
