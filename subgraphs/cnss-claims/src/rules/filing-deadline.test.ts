import { describe, expect, it } from 'vitest';
import { filedWithinDeadline, filingDeadline } from './filing-deadline';

describe('the filing deadline (configuration, not in the seeds)', () => {
  it.each([
    ['on the last day', '2026-01-01', '2026-03-02', 60, true],
    ['a day late', '2026-01-01', '2026-03-03', 60, false],
    ['the same day', '2026-01-01', '2026-01-01', 60, true],
    ['late under a shorter configured deadline', '2026-01-01', '2026-01-31', 20, false],
  ])('a file received %s', (_case, firstCareOn, receivedOn, filingDays, within) => {
    expect(filedWithinDeadline({ firstCareOn, receivedOn }, { filingDays })).toBe(within);
  });

  it('runs from the first care', () => {
    expect(filingDeadline('2026-01-01', { filingDays: 60 })).toBe('2026-03-02');
  });
});
