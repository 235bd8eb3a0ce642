import type { BulkValue, SeedDefinition } from '@cmb/kit';
import rules from '../reference-data/gmr-rules.json';
import type { PbrPolicy } from '../rules/gmr-facts';
import { pbrBasis } from '../rules/reimbursement-basis';
import { searchKey } from '../rules/search-key';
import { generateGmrSnapshots, type SeedListing, type SeedSnapshot } from './gmr-catalogue';

const VERSION_COLUMNS = ['code', 'published_on', 'valid_from', 'valid_until'] as const;
const MEDICINE_COLUMNS = [
  'gmr_version',
  'ean13',
  'dci',
  'brand',
  'form',
  'dosage',
  'presentation',
  'public_price_centimes',
  'pbr_centimes',
  'generic',
  'reimbursable',
  'princeps_ean13',
  'therapeutic_class',
  'brand_key',
  'dci_key',
] as const;

/**
 * The PBR ANAM would publish for each pack of a version: a generic's own
 * price, a princeps' price or, when generics are listed, the generic base
 * of rule R12 (seeds/001_225b0d72771d4c3f.txt:L459).
 */
function publishedPbr(listing: SeedListing, generics: readonly SeedListing[], policy: PbrPolicy): number {
  const own = { ean13: listing.ean13, generic: listing.generic, pbrCentimes: listing.publicPriceCentimes };
  const group = generics.map((g) => ({
    generic: g.generic,
    reimbursable: g.reimbursable,
    pbrCentimes: g.publicPriceCentimes,
    princepsEan13: g.princepsEan13,
  }));
  return pbrBasis(own, group, policy).pbrCentimes;
}

function* medicineRows(snapshots: readonly SeedSnapshot[], policy: PbrPolicy): Generator<BulkValue[]> {
  for (const { version, listings } of snapshots) {
    const genericsOf = new Map<string, SeedListing[]>();
    for (const listing of listings) {
      if (!listing.princepsEan13) continue;
      const group = genericsOf.get(listing.princepsEan13) ?? [];
      group.push(listing);
      genericsOf.set(listing.princepsEan13, group);
    }
    for (const listing of listings) {
      yield [
        version.code,
        listing.ean13,
        listing.dci,
        listing.brand,
        listing.form,
        listing.dosage,
        listing.presentation,
        listing.publicPriceCentimes,
        publishedPbr(listing, genericsOf.get(listing.ean13) ?? [], policy),
        listing.generic,
        listing.reimbursable,
        listing.princepsEan13,
        listing.therapeuticClass,
        searchKey(listing.brand),
        searchKey(listing.dci),
      ];
    }
  }
}

/**
 * The GMR's synthetic dataset: three versions of about 4,600 packs each, the
 * named medicines of fixture-medicines.ts included. Its size does not follow
 * the persons count (a reference list, not a population); the generator seed
 * changes the generated packs, never the named ones.
 */
export const medicinesSeed: SeedDefinition = {
  // The import tables are listed so that --reset empties them too (they refer to the versions); the seed writes none.
  tables: ['gmr_version', 'gmr_medicine', 'gmr_import', 'gmr_change'],
  rows: (options) => {
    const snapshots = generateGmrSnapshots(options.seed);
    const policy = rules.pbrBasis.policy as PbrPolicy;
    return [
      {
        table: 'gmr_version',
        columns: VERSION_COLUMNS,
        rows: snapshots.map(({ version }) => [version.code, version.publishedOn, version.validFrom, version.validUntil]),
      },
      {
        table: 'gmr_medicine',
        columns: MEDICINE_COLUMNS,
        rows: medicineRows(snapshots, policy),
        expectedRows: snapshots.reduce((sum, { listings }) => sum + listings.length, 0),
      },
    ];
  },
};
