import { Prng } from '@cmb/kit';
import catalogue from '../reference-data/dci-catalogue.json';
import type { GuideListing } from '../rules/guide-diff';
import { searchKey } from '../rules/search-key';
import { FIXTURE_MEDICINES, syntheticEan13 } from './fixture-medicines';
import { SEED_GMR_VERSIONS, type SeedGmrVersion } from './seed-gmr-versions';

/**
 * Shape of the synthetic GMR. Figures from the 2022 activity report; the
 * split between versions is a choice of the dataset, not a seed fact.
 */
const PROFILE = {
  /** Listings of the first version, so the open one holds about 4,583 like the 2022 GMR (seeds/001_225b0d72771d4c3f.txt:L455). */
  firstVersionListings: 4_615,
  /** 66% of reimbursable medicines are generics (seeds/001_225b0d72771d4c3f.txt:L443). */
  genericShare: 0.66,
  /** Generics withdrawn by each later version: 141 over the 9 versions of 2022 (seeds/001_225b0d72771d4c3f.txt:L455). */
  withdrawnPerVersion: 35,
  /** New generics added by each later version: 51 in 2022 (seeds/001_225b0d72771d4c3f.txt:L443). */
  newGenericsPerVersion: [15, 18],
  /** Share of princeps whose price a ministerial order lowers in each later version (seeds/001_225b0d72771d4c3f.txt:L445). */
  priceRevisionShare: 0.03,
  priceCut: [0.8, 0.95],
  /** Generic public price as a share of its princeps' price. */
  genericPriceRatio: [0.35, 0.85],
  /** Listed with a price but not reimbursable (seeds/001_225b0d72771d4c3f.txt:L804). */
  notReimbursableShare: 0.015,
  maxGenericsPerGroup: 10,
  /** First serial of generated codes; 1 to 999 are kept for the named medicines. */
  firstSerial: 1_000,
} as const;

/** One medicine pack of the synthetic GMR, before the PBR is set for a version; every one names its therapeutic class. */
export interface SeedListing extends Omit<GuideListing, 'pbrCentimes' | 'therapeuticClass'> {
  therapeuticClass: string;
  /** Fixture medicines are never withdrawn nor repriced by the generator. */
  fixed: boolean;
}

/** A seeded version and every pack it lists. */
export interface SeedSnapshot {
  version: SeedGmrVersion;
  listings: SeedListing[];
}

interface Molecule {
  dci: string;
  class: string;
  generics: boolean;
  price: number[];
  forms: Partial<Record<string, string[]>>;
}

interface Product {
  molecule: Molecule;
  form: string;
  dosage: string;
  dosageIndex: number;
  packs: readonly number[];
  template: string;
  basePriceCentimes: number;
}

const FORMS = catalogue.forms as Record<string, { template: string; packs: number[] }>;
const MOLECULES = catalogue.molecules as Molecule[];
const RESERVED_BRAND_KEYS = FIXTURE_MEDICINES.filter((f) => !f.generic).map((f) => searchKey(f.brand));

/** Rounds a price to ten centimes, at least five MAD. */
function roundPrice(centimes: number): number {
  return Math.max(500, Math.round(centimes / 10) * 10);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Invents princeps brand names for a molecule from its DCI stem; never a named medicine's brand nor a prefix of the DCI. */
function brandFactory(prng: Prng): (molecule: Molecule, index: number) => string {
  const used = new Set<string>();
  const byMolecule = new Map<string, string[]>();
  return (molecule, index) => {
    const brands = byMolecule.get(molecule.dci) ?? [];
    byMolecule.set(molecule.dci, brands);
    for (let attempt = 0; brands.length <= index; attempt += 1) {
      const parts = searchKey(molecule.dci)
        .split(' ')
        .filter((word) => word.length > 2);
      const stem =
        parts.length > 1 && molecule.dci.includes('/')
          ? `${parts[0]?.slice(0, 3)}${parts[parts.length - 1]?.slice(0, 2)}`
          : (parts[0] ?? 'med').slice(0, prng.int(3, 5));
      // After many draws (a short stem shared by several molecules), a numbered name keeps the loop finite.
      const candidate = capitalise(`${stem}${prng.pick(catalogue.brandSuffixes)}${attempt >= 200 ? ` ${attempt}` : ''}`);
      const key = searchKey(candidate);
      const reserved =
        RESERVED_BRAND_KEYS.some((fixture) => key.startsWith(fixture) || fixture.startsWith(key)) ||
        searchKey(molecule.dci).startsWith(key);
      if (!used.has(key) && !reserved) {
        used.add(key);
        brands.push(candidate);
      }
    }
    return brands[index] as string;
  };
}

/** Every (molecule, form, dosage) of the catalogue, with a base price drawn in the molecule's range. */
function products(prng: Prng): Product[] {
  return MOLECULES.flatMap((molecule) =>
    Object.entries(molecule.forms).flatMap(([form, dosages = []]) => {
      const shape = FORMS[form];
      if (!shape) throw new Error(`dci-catalogue.json: unknown form ${form}`);
      const [low = 10, high = low] = molecule.price;
      const basePriceCentimes = Math.round(100 * (low + prng.next() * (high - low)));
      return dosages.map((dosage, dosageIndex) => ({
        molecule,
        form,
        dosage,
        dosageIndex,
        packs: shape.packs,
        template: shape.template,
        basePriceCentimes,
      }));
    }),
  );
}

/** The fixture medicines listed in one version. */
function fixtureListings(version: SeedGmrVersion): SeedListing[] {
  return FIXTURE_MEDICINES.flatMap((fixture) => {
    const price = fixture.publicPrices[version.code];
    if (price === undefined) return [];
    const princeps = fixture.princepsKey ? FIXTURE_MEDICINES.find((candidate) => candidate.key === fixture.princepsKey) : undefined;
    return [
      {
        ean13: syntheticEan13(fixture.serial),
        dci: fixture.dci,
        brand: fixture.brand,
        form: fixture.form,
        dosage: fixture.dosage,
        presentation: fixture.presentation,
        therapeuticClass: fixture.therapeuticClass,
        generic: fixture.generic,
        reimbursable: fixture.reimbursable,
        princepsEan13: princeps ? syntheticEan13(princeps.serial) : null,
        publicPriceCentimes: price,
        fixed: true,
      },
    ];
  });
}

/**
 * Generates the synthetic GMR: a first version of princeps (one per
 * presentation, co-marketed brands when the presentations run out) and
 * generics (66%), then each later version withdraws some generics, adds new
 * ones and lowers some prices. Deterministic for a given generator seed;
 * the named medicines are the same whatever the seed.
 */
export function generateGmrSnapshots(seed: number): SeedSnapshot[] {
  const prng = new Prng(seed);
  const brandOf = brandFactory(prng);
  const catalogueProducts = products(prng);
  const labs = catalogue.laboratories;
  let serial: number = PROFILE.firstSerial;
  const nextEan13 = () => syntheticEan13(serial++);

  const princepsCount = Math.round(PROFILE.firstVersionListings * (1 - PROFILE.genericShare));
  const princeps: { listing: SeedListing; product: Product }[] = [];
  for (let round = 0; princeps.length < princepsCount; round += 1) {
    for (const product of catalogueProducts) {
      if (princeps.length >= princepsCount) break;
      const pack = product.packs[round % product.packs.length] ?? 1;
      const brandIndex = Math.floor(round / product.packs.length);
      const packFactor = (pack / (product.packs[0] ?? pack)) ** 0.85;
      const price = product.basePriceCentimes * (1 + 0.3 * product.dosageIndex) * packFactor * (1 + 0.1 * brandIndex);
      princeps.push({
        product,
        listing: {
          ean13: nextEan13(),
          dci: product.molecule.dci,
          brand: brandOf(product.molecule, brandIndex),
          form: product.form,
          dosage: product.dosage,
          presentation: product.template.replace('{n}', String(pack)),
          therapeuticClass: product.molecule.class,
          generic: false,
          reimbursable: !prng.chance(PROFILE.notReimbursableShare),
          princepsEan13: null,
          publicPriceCentimes: roundPrice(price),
          fixed: false,
        },
      });
    }
  }

  const labsUsed = new Map<string, Set<string>>();
  const genericable = princeps.filter((p) => p.product.molecule.generics);
  const addGeneric = (): SeedListing | null => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const group = prng.pick(genericable);
      const used = labsUsed.get(group.listing.ean13) ?? new Set<string>();
      if (used.size >= Math.min(PROFILE.maxGenericsPerGroup, labs.length)) continue;
      const free = labs.filter((lab) => !used.has(lab));
      const lab = prng.pick(free);
      used.add(lab);
      labsUsed.set(group.listing.ean13, used);
      const [low, high] = PROFILE.genericPriceRatio;
      return {
        ...group.listing,
        ean13: nextEan13(),
        brand: `${capitalise(group.listing.dci)} ${lab}`,
        generic: true,
        reimbursable: !prng.chance(PROFILE.notReimbursableShare),
        princepsEan13: group.listing.ean13,
        publicPriceCentimes: roundPrice(group.listing.publicPriceCentimes * (low + prng.next() * (high - low))),
      };
    }
    return null;
  };
  const generics: SeedListing[] = [];
  while (generics.length < PROFILE.firstVersionListings - princepsCount) {
    const generic = addGeneric();
    if (!generic) break;
    generics.push(generic);
  }

  const [first, ...later] = SEED_GMR_VERSIONS;
  if (!first) return [];
  const snapshots: SeedSnapshot[] = [{ version: first, listings: [...princeps.map((p) => p.listing), ...generics] }];
  later.forEach((version, index) => {
    const previous = snapshots[snapshots.length - 1]?.listings ?? [];
    const withdrawable = previous.filter((listing) => listing.generic && !listing.fixed);
    const withdrawn = new Set<string>();
    while (withdrawn.size < Math.min(PROFILE.withdrawnPerVersion, withdrawable.length)) withdrawn.add(prng.pick(withdrawable).ean13);
    const [cutLow, cutHigh] = PROFILE.priceCut;
    const listings = previous
      .filter((listing) => !withdrawn.has(listing.ean13))
      .map((listing) =>
        !listing.fixed && !listing.generic && prng.chance(PROFILE.priceRevisionShare)
          ? { ...listing, publicPriceCentimes: roundPrice(listing.publicPriceCentimes * (cutLow + prng.next() * (cutHigh - cutLow))) }
          : listing,
      );
    const added = PROFILE.newGenericsPerVersion[index] ?? 0;
    for (let count = 0; count < added; count += 1) {
      const generic = addGeneric();
      if (generic) listings.push(generic);
    }
    snapshots.push({ version, listings });
  });
  return snapshots.map((snapshot) => ({ ...snapshot, listings: [...fixtureListings(snapshot.version), ...snapshot.listings] }));
}
