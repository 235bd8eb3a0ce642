import { describe, expect, it } from 'vitest';
import { isActiveOn, type ProviderActivity } from './provider-active';

const active: ProviderActivity = { status: 'ACTIVE', activeFrom: '2012-01-01', activeUntil: null };
const withdrawn: ProviderActivity = { status: 'CLOSED', activeFrom: '2010-05-01', activeUntil: '2025-12-31' };

describe('isActiveOn (R6, seeds/001_225b0d72771d4c3f.txt:L893)', () => {
  it.each([
    { provider: active, date: '2026-03-02', expected: true, why: 'active code, open end' },
    { provider: active, date: '2011-12-31', expected: false, why: 'active code, before its first day' },
    { provider: { ...active, activeUntil: '2026-02-28' }, date: '2026-03-02', expected: false, why: 'active code past its last day' },
    { provider: withdrawn, date: '2026-03-02', expected: false, why: 'withdrawn code after the withdrawal (persona ZZP99999)' },
    { provider: withdrawn, date: '2025-12-31', expected: true, why: 'withdrawn code on its last day' },
    { provider: withdrawn, date: '2025-06-01', expected: true, why: 'withdrawn code, care given before the withdrawal' },
    { provider: { ...withdrawn, activeUntil: null }, date: '2025-06-01', expected: false, why: 'withdrawn code without a last day' },
    { provider: { ...active, status: 'SUSPENDED' }, date: '2026-03-02', expected: false, why: 'suspended code' },
    { provider: { ...active, status: 'UNKNOWN' }, date: '2026-03-02', expected: false, why: 'unknown status' },
  ])('$why → $expected', ({ provider, date, expected }) => {
    expect(isActiveOn(provider, date)).toBe(expected);
  });
});
