import { describe, expect, it } from 'vitest';
import { providerFactsOn } from './provider-facts';

describe('providerFactsOn (R6, seeds/001_225b0d72771d4c3f.txt:L891)', () => {
  it.each([
    { name: 'unknown code', provider: null, expected: { registered: false, active: false } },
    {
      name: 'active code',
      provider: { status: 'ACTIVE', activeFrom: '2012-01-01', activeUntil: null },
      expected: { registered: true, active: true },
    },
    {
      name: 'withdrawn code',
      provider: { status: 'CLOSED', activeFrom: '2010-05-01', activeUntil: '2025-12-31' },
      expected: { registered: true, active: false },
    },
    {
      name: 'suspended code',
      provider: { status: 'SUSPENDED', activeFrom: '2010-05-01', activeUntil: null },
      expected: { registered: true, active: false },
    },
  ])('$name on 2026-03-02', ({ provider, expected }) => {
    expect(providerFactsOn(provider, '2026-03-02')).toEqual(expected);
  });
});
