import { isInpe } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { PERSONA_PROVIDERS } from './persona-records';
import { generateAttachments, generateProviders, syntheticInpe, syntheticProviderCount } from './synthetic-providers';

describe('syntheticProviderCount (55,737 codes for ~30 M persons, seeds/001_225b0d72771d4c3f.txt:L917)', () => {
  it.each([
    { persons: 0, expected: 500 },
    { persons: 300, expected: 500 },
    { persons: 1_000_000, expected: 1_858 },
    { persons: 30_000_000, expected: 55_737 },
    { persons: 100_000_000, expected: 89_000 },
  ])('$persons persons → $expected providers', ({ persons, expected }) => {
    expect(syntheticProviderCount(persons)).toBe(expected);
  });
});

describe('syntheticInpe', () => {
  it.each([
    { index: 0, expected: 'ZZP10000' },
    { index: 88_999, expected: 'ZZP98999' },
  ])('$index → $expected', ({ index, expected }) => {
    expect(syntheticInpe(index)).toBe(expected);
    expect(isInpe(expected)).toBe(true);
  });
});

describe('generateProviders', () => {
  const options = { persons: 30_000_000, seed: 7 };
  const providers = [...generateProviders(options)];
  const share = (test: (p: (typeof providers)[number]) => boolean) => providers.filter(test).length / providers.length;

  it('is deterministic for a seed', () => {
    const again = [...generateProviders({ persons: 300, seed: 7 })];
    expect(again).toEqual([...generateProviders({ persons: 300, seed: 7 })]);
    expect(again).not.toEqual([...generateProviders({ persons: 300, seed: 8 })]);
  });

  it('never takes a persona code', () => {
    const personaCodes = new Set(PERSONA_PROVIDERS.map((p) => p.inpe));
    expect(providers.some((p) => personaCodes.has(p.inpe))).toBe(false);
    expect(new Set(providers.map((p) => p.inpe)).size).toBe(providers.length);
  });

  it.each([
    {
      name: 'private pharmacies ~21% (L900)',
      test: (p: (typeof providers)[number]) => p.category === 'PHARMACY',
      expected: 11_600 / 55_737,
    },
    {
      name: 'doctors ~53% (L906-L907)',
      test: (p: (typeof providers)[number]) => p.category === 'GENERAL_PRACTITIONER' || p.category === 'SPECIALIST',
      expected: 29_489 / 55_737,
    },
    { name: 'establishments ~24% (L903)', test: (p: (typeof providers)[number]) => p.kind === 'ESTABLISHMENT', expected: 13_521 / 55_737 },
    { name: 'public codes ~29% (L915)', test: (p: (typeof providers)[number]) => p.sector === 'PUBLIC', expected: 16_310 / 55_737 },
    { name: 'active codes ~95% (synthetic)', test: (p: (typeof providers)[number]) => p.status === 'ACTIVE', expected: 0.95 },
  ])('keeps the mix: $name', ({ test, expected }) => {
    expect(share(test)).toBeCloseTo(expected, 1);
  });

  it('gives specialties to specialists only, and closed codes a last day', () => {
    expect(providers.every((p) => (p.category === 'SPECIALIST') === (p.specialty !== null))).toBe(true);
    expect(providers.filter((p) => p.status === 'CLOSED').every((p) => p.activeUntil !== null && p.activeUntil >= p.activeFrom)).toBe(true);
  });

  it('gives conventions to most private providers and none to public professionals', () => {
    expect(share((p) => p.sector === 'PRIVATE' && p.conventions.length > 0) / share((p) => p.sector === 'PRIVATE')).toBeGreaterThan(0.8);
    expect(providers.some((p) => p.sector === 'PUBLIC' && p.kind === 'PROFESSIONAL' && p.conventions.length > 0)).toBe(false);
  });
});

describe('generateAttachments', () => {
  const options = { persons: 300, seed: 7 };
  const byInpe = new Map([...generateProviders(options)].map((p) => [p.inpe, p]));
  const attachments = [...generateAttachments(options)];

  it('attaches some professionals to an establishment of their sector', () => {
    expect(attachments.length).toBeGreaterThan(10);
    for (const a of attachments) {
      const professional = byInpe.get(a.professionalInpe);
      const establishment = byInpe.get(a.establishmentInpe);
      expect(professional?.kind).toBe('PROFESSIONAL');
      expect(establishment?.kind).toBe('ESTABLISHMENT');
      expect(establishment?.sector).toBe(professional?.sector);
      expect(a.validUntil === null || a.validUntil >= a.validFrom).toBe(true);
    }
  });
});
