import { describe, expect, it } from 'vitest';
import { providerFactsOn } from './provider-facts';

describe('providerFactsOn (R6, seeds/001_225b0d72771d4c3f.txt:L891; givesCare: a pharmacy opens no care relationship)', () => {
  it.each([
    { name: 'unknown code', provider: null, expected: { registered: false, active: false, givesCare: false } },
    {
      name: 'active code',
      provider: { category: 'GENERAL_PRACTITIONER', status: 'ACTIVE', activeFrom: '2012-01-01', activeUntil: null },
      expected: { registered: true, active: true, givesCare: true },
    },
    {
      name: 'withdrawn code',
      provider: { category: 'GENERAL_PRACTITIONER', status: 'CLOSED', activeFrom: '2010-05-01', activeUntil: '2025-12-31' },
      expected: { registered: true, active: false, givesCare: true },
    },
    {
      name: 'suspended code',
      provider: { category: 'CLINIC', status: 'SUSPENDED', activeFrom: '2010-05-01', activeUntil: null },
      expected: { registered: true, active: false, givesCare: true },
    },
    {
      name: 'public hospital',
      provider: { category: 'PUBLIC_HOSPITAL', status: 'ACTIVE', activeFrom: '2006-01-01', activeUntil: null },
      expected: { registered: true, active: true, givesCare: true },
    },
    {
      name: 'pharmacy (dispenses)',
      provider: { category: 'PHARMACY', status: 'ACTIVE', activeFrom: '2012-01-01', activeUntil: null },
      expected: { registered: true, active: true, givesCare: false },
    },
    {
      name: 'pharmacist (dispenses)',
      provider: { category: 'PHARMACIST', status: 'ACTIVE', activeFrom: '2012-01-01', activeUntil: null },
      expected: { registered: true, active: true, givesCare: false },
    },
    {
      name: 'a category the registry does not list',
      provider: { category: 'HEALER', status: 'ACTIVE', activeFrom: '2012-01-01', activeUntil: null },
      expected: { registered: true, active: true, givesCare: false },
    },
  ])('$name on 2026-03-02', ({ provider, expected }) => {
    expect(providerFactsOn(provider, '2026-03-02')).toEqual(expected);
  });
});
