import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { describeMaxAge, isRegistryStale } from './registry-staleness';

const CALENDAR = { weekendDays: [0, 6], holidays: ['2026-03-20'] };
const POLICY = { staleAfterWorkingDays: 5, staleMarginWorkingDays: 2, calendar: CALENDAR };

describe('isRegistryStale (seeds/001_225b0d72771d4c3f.txt:L921, every five working days, plus a margin)', () => {
  it.each([
    { extractedOn: '2026-02-27', today: '2026-03-02', expected: false, why: 'next Monday' },
    { extractedOn: '2026-02-27', today: '2026-03-06', expected: false, why: 'five working days later: the next version is due' },
    { extractedOn: '2026-02-27', today: '2026-03-10', expected: false, why: 'seven working days later: within the margin' },
    { extractedOn: '2026-02-27', today: '2026-03-11', expected: true, why: 'eight working days later: past the margin' },
    { extractedOn: '2026-03-13', today: '2026-03-25', expected: false, why: 'seven working days, the Friday holiday not counted' },
    { extractedOn: '2026-03-13', today: '2026-03-26', expected: true, why: 'eight working days, the holiday not counted' },
    { extractedOn: '2026-03-02', today: '2026-02-27', expected: false, why: 'an extraction after today' },
  ])('$why → $expected', ({ extractedOn, today, expected }) => {
    expect(isRegistryStale(extractedOn, today, POLICY)).toBe(expected);
  });

  it('reads its policy and the Moroccan calendar from reference data', () => {
    const { registry } = loadConfig({ NODE_ENV: 'test' });
    expect(registry.staleAfterWorkingDays + registry.staleMarginWorkingDays).toBe(7);
    expect(registry.calendar.holidays).toEqual(expect.arrayContaining(['2026-11-18', '2027-01-01']));
    expect(registry.calendar.holidays.every((day) => /^202[67]-\d{2}-\d{2}$/.test(day))).toBe(true);
    expect(describeMaxAge(registry)).toBe('5 working days + 2');
  });
});
