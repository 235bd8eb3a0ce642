import { describe, expect, it } from 'vitest';
import { isValidEan13 } from '../rules/ean13';
import { fixtureEan13 } from './fixture-medicines';
import { generateGmrSnapshots } from './gmr-catalogue';

describe('synthetic GMR', () => {
  const snapshots = generateGmrSnapshots(7);
  const codes = snapshots.map((s) => new Set(s.listings.map((l) => l.ean13)));
  const [first, second, open] = codes as [Set<string>, Set<string>, Set<string>];

  it('has three versions of about 4,600 packs, the open one close to the 4,583 of 2022 (seeds/001_225b0d72771d4c3f.txt:L455)', () => {
    expect(snapshots.map((s) => s.version.code)).toEqual(['GMR-2025-10', 'GMR-2026-01', 'GMR-2026-03']);
    for (const snapshot of snapshots) expect(snapshot.listings.length).toBeGreaterThan(4_500);
    expect(Math.abs(open.size - 4_583)).toBeLessThan(50);
  });

  it('is about 66% generics (seeds/001_225b0d72771d4c3f.txt:L443)', () => {
    for (const snapshot of snapshots) {
      const share = snapshot.listings.filter((l) => l.generic).length / snapshot.listings.length;
      expect(share).toBeGreaterThan(0.64);
      expect(share).toBeLessThan(0.68);
    }
  });

  it('withdraws some generics and adds others between versions (seeds/001_225b0d72771d4c3f.txt:L455)', () => {
    const withdrawn = [...second].filter((code) => !open.has(code));
    const added = [...open].filter((code) => !second.has(code));
    expect(withdrawn.length).toBeGreaterThan(20);
    expect(added.length).toBeGreaterThan(10);
    expect([...first].filter((code) => !second.has(code)).length).toBeGreaterThan(20);
  });

  it('uses unique, valid, clearly synthetic EAN13 codes', () => {
    for (const snapshot of snapshots) {
      const all = snapshot.listings.map((listing) => listing.ean13);
      expect(all.filter((code) => !isValidEan13(code) || !code.startsWith('6119999'))).toEqual([]);
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('links every generic to a princeps of the same DCI', () => {
    for (const snapshot of snapshots) {
      const byCode = new Map(snapshot.listings.map((l) => [l.ean13, l]));
      const orphans = snapshot.listings.filter((l) => l.generic && !l.fixed && byCode.get(l.princepsEan13 ?? '')?.dci !== l.dci);
      expect(orphans).toEqual([]);
    }
  });

  it('contains the named medicines whatever the seed, and is deterministic', () => {
    const other = generateGmrSnapshots(20260302);
    for (const run of [snapshots, other]) {
      const openCodes = new Set(run[2]?.listings.map((l) => l.ean13));
      expect(openCodes.has(fixtureEan13('GLUCORIL'))).toBe(true);
      expect(openCodes.has(fixtureEan13('METFORMINE_EXEMPLAB'))).toBe(true);
      expect(openCodes.has(fixtureEan13('METFORMINE_DEMOPHARM'))).toBe(false);
    }
    expect(generateGmrSnapshots(7)).toEqual(snapshots);
  });
});
