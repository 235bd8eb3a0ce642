import { describe, expect, it } from 'vitest';
import { categorySectorWeights, kindOfCategory, PROVIDER_CATEGORIES } from './provider-categories';

function total(filter: (code: string, kind: string) => boolean, sector?: 'public' | 'private'): number {
  return PROVIDER_CATEGORIES.filter((c) => filter(c.code, c.kind)).reduce((sum, c) => sum + (sector ? c[sector] : c.public + c.private), 0);
}

describe('the category table matches the registry figures of 31 Dec 2022', () => {
  it.each([
    { name: 'all codes (L917)', value: total(() => true), expected: 55_737 },
    { name: 'public codes (L915)', value: total(() => true, 'public'), expected: 16_310 },
    { name: 'private codes (L916)', value: total(() => true, 'private'), expected: 39_427 },
    { name: 'establishments (L903)', value: total((_, kind) => kind === 'ESTABLISHMENT'), expected: 13_521 },
    { name: 'professionals (L914)', value: total((_, kind) => kind === 'PROFESSIONAL'), expected: 42_216 },
    { name: 'private pharmacies (L900)', value: total((code) => code === 'PHARMACY', 'private'), expected: 11_600 },
    {
      name: 'public doctors (L906)',
      value: total((code) => code === 'GENERAL_PRACTITIONER' || code === 'SPECIALIST', 'public'),
      expected: 15_024,
    },
    {
      name: 'private doctors (L907)',
      value: total((code) => code === 'GENERAL_PRACTITIONER' || code === 'SPECIALIST', 'private'),
      expected: 14_465,
    },
    { name: 'dentists (L908-L909)', value: total((code) => code === 'DENTIST'), expected: 6_740 },
    { name: 'laboratories (L897-L898)', value: total((code) => code === 'LABORATORY'), expected: 856 },
  ])('$name', ({ value, expected }) => {
    expect(value).toBe(expected);
  });
});

describe('kindOfCategory', () => {
  it.each([
    { code: 'GENERAL_PRACTITIONER', expected: 'PROFESSIONAL' },
    { code: 'SPECIALIST', expected: 'PROFESSIONAL' },
    { code: 'PHARMACIST', expected: 'PROFESSIONAL' },
    { code: 'PHARMACY', expected: 'ESTABLISHMENT' },
    { code: 'PUBLIC_HOSPITAL', expected: 'ESTABLISHMENT' },
    { code: 'ASTROLOGER', expected: null },
  ])('$code → $expected', ({ code, expected }) => {
    expect(kindOfCategory(code)).toBe(expected);
  });
});

describe('categorySectorWeights', () => {
  it('leaves out pairs without codes and keeps the seed counts', () => {
    const weights = categorySectorWeights();
    expect(weights['PHARMACY|PRIVATE']).toBe(11_600);
    expect(weights['PHARMACY|PUBLIC']).toBeUndefined();
    expect(Object.keys(weights).some((key) => key.startsWith('PHARMACIST|'))).toBe(false);
    expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBe(55_737);
  });
});
