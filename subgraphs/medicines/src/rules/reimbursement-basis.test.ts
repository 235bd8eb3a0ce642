import { describe, expect, it } from 'vitest';
import type { GmrVersionFact, ListingFact, ReimbursementDecision } from './gmr-facts';
import { decideReimbursementBasis, pbrBasis, versionValidOn } from './reimbursement-basis';

// The three versions of the seed (9 versions were published in 2022: seeds/001_225b0d72771d4c3f.txt:L443).
const V2025_10: GmrVersionFact = { code: 'GMR-2025-10', validFrom: '2025-10-01', validUntil: '2025-12-31' };
const V2026_01: GmrVersionFact = { code: 'GMR-2026-01', validFrom: '2026-01-01', validUntil: '2026-02-28' };
const V2026_03: GmrVersionFact = { code: 'GMR-2026-03', validFrom: '2026-03-01', validUntil: null };
const VERSIONS = [V2025_10, V2026_01, V2026_03];

const GLUCORIL = '6119999000015';
const FICTILAB = '6119999000022';
const EXEMPLAB = '6119999000039';
const DEMOPHARM = '6119999000046';
const INSULATIS = '6119999000053';
const VITAMINOL = '6119999000084';

function listing(gmrVersion: string, ean13: string, pbrCentimes: number, extra: Partial<ListingFact> = {}): ListingFact {
  return {
    gmrVersion,
    ean13,
    generic: false,
    reimbursable: true,
    publicPriceCentimes: pbrCentimes,
    pbrCentimes,
    princepsEan13: null,
    ...extra,
  };
}
const generic = (gmrVersion: string, ean13: string, pbr: number, extra: Partial<ListingFact> = {}) =>
  listing(gmrVersion, ean13, pbr, { generic: true, princepsEan13: GLUCORIL, ...extra });

describe('versionValidOn', () => {
  it.each<[string, string | null, string]>([
    ['2025-09-30', null, 'before the first version'],
    ['2025-10-01', 'GMR-2025-10', 'first day of a version'],
    ['2025-12-31', 'GMR-2025-10', 'last day of a version'],
    ['2026-02-28', 'GMR-2026-01', 'last day before the change'],
    ['2026-03-01', 'GMR-2026-03', 'first day of the open version'],
    ['2030-01-01', 'GMR-2026-03', 'open version has no end'],
  ])('%s -> %s (%s)', (date, code) => {
    expect(versionValidOn(VERSIONS, date)?.code ?? null).toBe(code);
  });

  it('picks the latest start when a new version was published without closing the old one', () => {
    const open2026 = { ...V2026_01, validUntil: null };
    expect(versionValidOn([V2025_10, open2026, V2026_03], '2026-03-15')?.code).toBe('GMR-2026-03');
    expect(versionValidOn([V2025_10, open2026, V2026_03], '2026-02-15')?.code).toBe('GMR-2026-01');
  });

  it('finds nothing in a gap between versions', () => {
    expect(versionValidOn([V2025_10, V2026_03], '2026-01-15')).toBeNull();
  });
});

describe('pbrBasis (PBR set on the generic when one exists: seeds/001_225b0d72771d4c3f.txt:L459)', () => {
  const princeps = listing('v', GLUCORIL, 4500);
  it.each([
    ['a generic is reimbursed on its own PBR', generic('v', FICTILAB, 2150), [], 'HIGHEST_GENERIC', 2150, true],
    ['a princeps without generic keeps its PBR', princeps, [], 'HIGHEST_GENERIC', 4500, false],
    [
      'princeps with generics, highest generic',
      princeps,
      [generic('v', FICTILAB, 2150), generic('v', DEMOPHARM, 2380)],
      'HIGHEST_GENERIC',
      2380,
      true,
    ],
    [
      'princeps with generics, lowest generic',
      princeps,
      [generic('v', FICTILAB, 2150), generic('v', DEMOPHARM, 2380)],
      'LOWEST_GENERIC',
      2150,
      true,
    ],
    [
      'a non-reimbursable generic sets no base',
      princeps,
      [generic('v', FICTILAB, 2150, { reimbursable: false })],
      'HIGHEST_GENERIC',
      4500,
      false,
    ],
    [
      'a generic of another princeps is ignored',
      princeps,
      [generic('v', FICTILAB, 2150, { princepsEan13: INSULATIS })],
      'HIGHEST_GENERIC',
      4500,
      false,
    ],
    // One generic priced above its princeps was found in 2022 (seeds/001_225b0d72771d4c3f.txt:L467).
    ['a generic above its princeps never raises the base', princeps, [generic('v', FICTILAB, 5200)], 'HIGHEST_GENERIC', 4500, false],
    // Princeps aligned on their generics (seeds/001_225b0d72771d4c3f.txt:L468).
    [
      'an aligned princeps is based on the generic',
      listing('v', GLUCORIL, 2150),
      [generic('v', FICTILAB, 2150)],
      'HIGHEST_GENERIC',
      2150,
      true,
    ],
  ] as const)('%s', (_label, subject, generics, policy, pbrCentimes, basedOnGeneric) => {
    expect(pbrBasis(subject, generics, policy)).toEqual({ pbrCentimes, basedOnGeneric });
  });
});

describe('decideReimbursementBasis (R12)', () => {
  // Glucoril and its generics as seeded: Demopharm withdrawn at GMR-2026-03, Exemplab added by it.
  const listings: Record<string, ListingFact[]> = {
    [GLUCORIL]: [
      listing('GMR-2025-10', GLUCORIL, 2380, { publicPriceCentimes: 4500 }),
      listing('GMR-2026-01', GLUCORIL, 2380, { publicPriceCentimes: 4500 }),
      listing('GMR-2026-03', GLUCORIL, 2150, { publicPriceCentimes: 4500 }),
    ],
    [DEMOPHARM]: [generic('GMR-2025-10', DEMOPHARM, 2380), generic('GMR-2026-01', DEMOPHARM, 2380)],
    [EXEMPLAB]: [generic('GMR-2026-03', EXEMPLAB, 1990)],
    [VITAMINOL]: [listing('GMR-2026-03', VITAMINOL, 2400, { reimbursable: false })],
    [INSULATIS]: [listing('GMR-2026-01', INSULATIS, 69000), listing('GMR-2026-03', INSULATIS, 65550)],
  };
  const generics = [
    generic('GMR-2026-01', FICTILAB, 2150),
    generic('GMR-2026-01', DEMOPHARM, 2380),
    generic('GMR-2026-03', FICTILAB, 2150),
    generic('GMR-2026-03', EXEMPLAB, 1990),
  ];
  const none = {
    listed: false,
    reimbursable: false,
    pbrCentimes: null,
    publicPriceCentimes: null,
    basedOnGeneric: false,
    lastListedVersion: null,
  };

  it.each<[string, string, string, Partial<ReimbursementDecision>]>([
    [
      'listed princeps, base on the highest generic (L459)',
      GLUCORIL,
      '2026-02-15',
      {
        listed: true,
        reimbursable: true,
        reason: 'REIMBURSABLE',
        pbrCentimes: 2380,
        publicPriceCentimes: 4500,
        basedOnGeneric: true,
        gmrVersion: 'GMR-2026-01',
      },
    ],
    [
      'same princeps after the version change: the withdrawn generic no longer sets the base',
      GLUCORIL,
      '2026-03-02',
      { listed: true, reimbursable: true, reason: 'REIMBURSABLE', pbrCentimes: 2150, basedOnGeneric: true, gmrVersion: 'GMR-2026-03' },
    ],
    [
      'generic listed before its withdrawal',
      DEMOPHARM,
      '2026-02-28',
      { listed: true, reimbursable: true, reason: 'REIMBURSABLE', pbrCentimes: 2380, basedOnGeneric: true, gmrVersion: 'GMR-2026-01' },
    ],
    [
      'withdrawn generic (141 withdrawn in 2022, L455)',
      DEMOPHARM,
      '2026-03-01',
      { ...none, reason: 'WITHDRAWN', gmrVersion: 'GMR-2026-03', lastListedVersion: 'GMR-2026-01' },
    ],
    [
      'new generic, not yet listed the day before its version',
      EXEMPLAB,
      '2026-02-28',
      { ...none, reason: 'NOT_LISTED', gmrVersion: 'GMR-2026-01' },
    ],
    [
      'new generic, listed from its version on',
      EXEMPLAB,
      '2026-03-01',
      { listed: true, reimbursable: true, reason: 'REIMBURSABLE', pbrCentimes: 1990, basedOnGeneric: true, gmrVersion: 'GMR-2026-03' },
    ],
    [
      'listed but not reimbursable: an AMM is not enough (L804)',
      VITAMINOL,
      '2026-03-02',
      { ...none, listed: true, reason: 'NOT_REIMBURSABLE', publicPriceCentimes: 2400, gmrVersion: 'GMR-2026-03' },
    ],
    [
      'princeps without generic keeps its own PBR, with the price change of its version',
      INSULATIS,
      '2026-03-02',
      { listed: true, reimbursable: true, reason: 'REIMBURSABLE', pbrCentimes: 65550, basedOnGeneric: false, gmrVersion: 'GMR-2026-03' },
    ],
    ['never listed', '6119999999990', '2026-03-02', { ...none, reason: 'NOT_LISTED', gmrVersion: 'GMR-2026-03' }],
    ['no GMR version on the date', GLUCORIL, '2024-06-01', { ...none, reason: 'NO_GMR_VERSION', gmrVersion: null }],
  ])('%s', (_label, ean13, date, expected) => {
    const decision = decideReimbursementBasis(
      { date, versions: VERSIONS, listings: listings[ean13] ?? [], groupGenerics: ean13 === GLUCORIL ? generics : [] },
      'HIGHEST_GENERIC',
    );
    expect(decision).toMatchObject(expected);
    // The answer names the version it used and the day that version took effect.
    expect(decision.gmrVersionEffectiveDate).toBe(VERSIONS.find((version) => version.code === decision.gmrVersion)?.validFrom ?? null);
  });

  it('ignores generics of another version than the one applied', () => {
    const decision = decideReimbursementBasis(
      {
        date: '2026-03-02',
        versions: VERSIONS,
        listings: listings[GLUCORIL] ?? [],
        groupGenerics: [generic('GMR-2026-01', DEMOPHARM, 1000)],
      },
      'HIGHEST_GENERIC',
    );
    expect(decision).toMatchObject({ pbrCentimes: 2150, basedOnGeneric: false });
  });
});
