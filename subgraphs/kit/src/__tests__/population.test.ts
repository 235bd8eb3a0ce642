import { describe, expect, it } from 'vitest';
import { Prng } from '../synthetic/prng';
import { generatePopulation, syntheticNationalId, syntheticPersonRef } from '../synthetic/population';

describe('the synthetic population', () => {
  it('is the same for the same seed, and for every subgraph whatever its ALD list', () => {
    const plain = [...generatePopulation({ persons: 500, seed: 3 })];
    const withAld = [...generatePopulation({ persons: 500, seed: 3, aldCodes: ['DIABETE_T2', 'HTA_SEVERE'] })];
    expect(withAld.map(({ aldCode: _a, ...rest }) => rest)).toEqual(plain.map(({ aldCode: _a, ...rest }) => rest));
    expect(withAld.some((p) => p.aldCode !== null)).toBe(true);
  });

  it('yields exactly the number asked, with unique ids never in the personas range', () => {
    const persons = [...generatePopulation({ persons: 2_000 })];
    expect(persons).toHaveLength(2_000);
    expect(new Set(persons.map((p) => p.nationalId)).size).toBe(2_000);
    expect(persons.every((p) => /^Z[A-Y]\d{6}$/.test(p.nationalId))).toBe(true);
  });

  it('links dependants to an insured of the same household and regime', () => {
    const persons = [...generatePopulation({ persons: 2_000 })];
    const byId = new Map(persons.map((p) => [p.nationalId, p]));
    for (const dependant of persons.filter((p) => p.role !== 'INSURED')) {
      const insured = byId.get(dependant.insuredNationalId);
      expect(insured?.role).toBe('INSURED');
      expect(insured?.regime).toBe(dependant.regime);
    }
  });

  it('has a realistic mix: mostly open rights, every regime present, about 3% with an ALD', () => {
    const persons = [...generatePopulation({ persons: 20_000, aldCodes: ['X'] })];
    const share = (predicate: (p: (typeof persons)[number]) => boolean) => persons.filter(predicate).length / persons.length;
    expect(share((p) => p.rights === 'OPEN')).toBeGreaterThan(0.85);
    expect(new Set(persons.map((p) => p.regime))).toEqual(
      new Set(['AMO_SALARIES_PRIVE', 'AMO_SALARIES_PUBLIC', 'AMO_ETUDIANTS', 'AMO_TNS', 'AMO_TADAMON']),
    );
    expect(share((p) => p.aldCode !== null)).toBeGreaterThan(0.02);
    expect(share((p) => p.aldCode !== null)).toBeLessThan(0.045);
  });

  it('derives person references that reveal nothing of the id', () => {
    const ref = syntheticPersonRef('ZZ000001');
    expect(ref).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ref).not.toContain('000001');
    expect(syntheticNationalId(1_000_001)).toBe('ZB000001');
  });

  it('draws from a repeatable generator', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(new Prng(1).weighted({ only: 1 })).toBe('only');
  });
});
