import { describe, expect, it } from 'vitest';
import { isRegistryStale, workingDaysBetween } from './registry-staleness';

const WEEKEND = [0, 6];
const POLICY = { staleAfterWorkingDays: 5, weekendDays: WEEKEND };

describe('workingDaysBetween', () => {
  it.each([
    { from: '2026-02-27', to: '2026-02-27', expected: 0, why: 'same day' },
    { from: '2026-02-27', to: '2026-02-20', expected: 0, why: 'earlier date' },
    { from: '2026-02-27', to: '2026-03-01', expected: 0, why: 'Friday to Sunday' },
    { from: '2026-02-27', to: '2026-03-02', expected: 1, why: 'Friday to Monday' },
    { from: '2026-02-27', to: '2026-03-06', expected: 5, why: 'one week' },
    { from: '2026-02-27', to: '2026-03-09', expected: 6, why: 'one week and a Monday' },
    { from: '2026-02-25', to: '2026-03-11', expected: 10, why: 'two weeks from a Wednesday' },
    { from: '2025-03-03', to: '2026-03-02', expected: 260, why: 'a year (364 days)' },
  ])('$why → $expected', ({ from, to, expected }) => {
    expect(workingDaysBetween(from, to, WEEKEND)).toBe(expected);
  });
});

describe('isRegistryStale (seeds/001_225b0d72771d4c3f.txt:L921, every five working days)', () => {
  it.each([
    { publishedOn: '2026-02-27', today: '2026-03-02', expected: false, why: 'next Monday' },
    { publishedOn: '2026-02-27', today: '2026-03-06', expected: false, why: 'five working days later: the next version is due' },
    { publishedOn: '2026-02-27', today: '2026-03-09', expected: true, why: 'six working days later: a version was missed' },
  ])('$why → $expected', ({ publishedOn, today, expected }) => {
    expect(isRegistryStale(publishedOn, today, POLICY)).toBe(expected);
  });
});
