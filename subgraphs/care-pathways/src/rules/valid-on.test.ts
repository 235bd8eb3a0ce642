import { describe, expect, it } from 'vitest';
import { validOn } from './valid-on';

describe('validOn', () => {
  it.each([
    { name: 'inside a closed period', period: { validFrom: '2024-01-01', validUntil: '2026-12-31' }, date: '2026-03-02', expected: true },
    { name: 'first day included', period: { validFrom: '2026-03-02', validUntil: '2026-12-31' }, date: '2026-03-02', expected: true },
    { name: 'last day included', period: { validFrom: '2024-01-01', validUntil: '2026-03-02' }, date: '2026-03-02', expected: true },
    { name: 'before the start', period: { validFrom: '2026-03-03', validUntil: null }, date: '2026-03-02', expected: false },
    { name: 'after the end', period: { validFrom: '2024-01-01', validUntil: '2026-03-01' }, date: '2026-03-02', expected: false },
    { name: 'open end never closes', period: { validFrom: '2024-01-01', validUntil: null }, date: '2099-12-31', expected: true },
  ])('$name', ({ period, date, expected }) => {
    expect(validOn(period, date)).toBe(expected);
  });
});
