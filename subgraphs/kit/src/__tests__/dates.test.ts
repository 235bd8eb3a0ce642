import { describe, expect, it } from 'vitest';
import { addDays, ageOn, assertDateWithin, daysBetween, isIsoInstant, todayIn, toIsoDate } from '../identifiers/dates';

describe('care dates', () => {
  it('takes today in Africa/Casablanca, not UTC', () => {
    expect(todayIn('Africa/Casablanca', new Date('2026-03-01T23:30:00Z'))).toMatch(/^2026-03-0[12]$/);
    expect(todayIn('UTC', new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-01');
  });

  it('turns the day at midnight in the zone, whatever it answered the minute before (the day is kept per zone and minute)', () => {
    // Africa/Lagos is UTC+1 all year: midnight there is 23:00 UTC.
    expect(todayIn('Africa/Lagos', new Date('2026-12-03T22:59:59Z'))).toBe('2026-12-03');
    expect(todayIn('Africa/Lagos', new Date('2026-12-03T22:59:00Z'))).toBe('2026-12-03');
    expect(todayIn('Africa/Lagos', new Date('2026-12-03T23:00:00Z'))).toBe('2026-12-04');
    expect(todayIn('UTC', new Date('2026-12-03T23:00:00Z'))).toBe('2026-12-03');
    expect(todayIn('Africa/Lagos', new Date('2026-12-03T22:59:30Z'))).toBe('2026-12-03');
  });

  it.each<[string, number, string]>([
    ['2026-02-27', 2, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it.each<[string, string, number]>([
    ['2015-10-10', '2026-03-02', 10],
    ['2005-03-02', '2026-03-02', 21],
    ['2005-03-03', '2026-03-02', 20],
    ['2004-02-29', '2026-02-28', 21],
  ])('born %s, on %s aged %i', (birth, date, age) => {
    expect(ageOn(birth, date)).toBe(age);
  });

  it.each(['2026-02-30', '2026-13-01', '26-03-02', 'yesterday', '0000-01-01'])('refuses the impossible date %s', (text) => {
    expect(() => toIsoDate(text)).toThrowError();
  });

  it.each(['2025-11-03T10:15:00.000Z', '2025-11-03T10:15:00Z', '2025-11-03T10:15:00.123456Z', '2024-02-29T23:59:59.999Z'])(
    'takes the instant %s',
    (text) => {
      expect(isIsoInstant(text)).toBe(true);
    },
  );

  it.each([
    '2026-02-30T10:15:00.000Z',
    '2026-13-01T10:15:00.000Z',
    '2025-11-03T25:15:00.000Z',
    '2025-11-03T10:61:00.000Z',
    '2025-11-03T::::::::Z',
    '2025-11-03T10:15:00.000',
    '2025-11-03T10:15:00.000+01:00',
    '2025-11-03T10:15:00.1234567Z',
    '0000-01-01T00:00:00.000Z',
    '2025-11-03T24:00:00.000Z',
  ])('refuses the instant %s (impossible, or not as toISOString writes it)', (text) => {
    expect(isIsoInstant(text)).toBe(false);
  });

  it('accepts Date objects from the Date scalar', () => {
    expect(toIsoDate(new Date('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
  });

  it('bounds dates with the limits named in the error', () => {
    expect(assertDateWithin('2026-03-02', '2026-01-01', '2026-12-31')).toBe('2026-03-02');
    expect(() => assertDateWithin('2099-01-01', '2026-01-01', '2026-12-31')).toThrowError(/2026-12-31/);
  });
});
