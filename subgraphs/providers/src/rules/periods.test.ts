import { describe, expect, it } from 'vitest';
import { periodCovers } from './periods';

describe('periodCovers', () => {
  it.each([
    { from: '2020-01-01', until: null, date: '2026-03-02', expected: true, why: 'open end' },
    { from: '2020-01-01', until: '2025-12-31', date: '2025-12-31', expected: true, why: 'last day included' },
    { from: '2020-01-01', until: '2025-12-31', date: '2026-01-01', expected: false, why: 'day after the end' },
    { from: '2026-03-02', until: null, date: '2026-03-02', expected: true, why: 'first day included' },
    { from: '2026-03-03', until: null, date: '2026-03-02', expected: false, why: 'not yet started' },
  ])('$why', ({ from, until, date, expected }) => {
    expect(periodCovers(from, until, date)).toBe(expected);
  });
});
