import type { BulkValue, SeedDefinition } from '@cmb/kit';
import rules from '../reference-data/gmr-rules.json';
import type { PbrPolicy } from '../rules/gmr-facts';
import { MEDICINE_TABLE, medicineRow } from '../services/gmr-medicine-table';
import { generateGmrSnapshots, type SeedSnapshot } from './gmr-catalogue';
import { publishedPbrOf } from './published-pbr';

const VERSION_COLUMNS = ['code', 'published_on', 'valid_from', 'valid_until'] as const;

/** The packs of every seeded version, each with the PBR ANAM would publish for it. */
function* medicineRows(snapshots: readonly SeedSnapshot[], policy: PbrPolicy): Generator<BulkValue[]> {
  for (const { version, listings } of snapshots) {
    const publishedPbr = publishedPbrOf(listings, policy);
    for (const listing of listings) yield medicineRow(version.code, { ...listing, pbrCentimes: publishedPbr(listing) });
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
        columns: MEDICINE_TABLE.columns,
        rows: medicineRows(snapshots, policy),
        expectedRows: snapshots.reduce((sum, { listings }) => sum + listings.length, 0),
      },
    ];
  },
};
