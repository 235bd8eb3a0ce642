import { typedColumns, type BulkValue } from '@cmb/kit';
import type { GmrMedicineEntity } from '../entities/gmr-medicine.entity';
import type { GuideListing } from '../rules/guide-diff';
import { searchKey } from '../rules/search-key';

/**
 * The `gmr_medicine` table as bulk writes fill it (an import, the seed): its
 * columns with their SQL types, so PostgreSQL receives one array per column
 * (`unnest`).
 */
export const MEDICINE_TABLE = typedColumns({
  gmr_version: 'varchar',
  ean13: 'varchar',
  dci: 'varchar',
  brand: 'varchar',
  form: 'varchar',
  dosage: 'varchar',
  presentation: 'varchar',
  public_price_centimes: 'integer',
  pbr_centimes: 'integer',
  generic: 'boolean',
  reimbursable: 'boolean',
  princeps_ean13: 'varchar',
  therapeutic_class: 'varchar',
  brand_key: 'varchar',
  dci_key: 'varchar',
});

/** A pack of version `versionCode` as a row of {@link MEDICINE_TABLE}, with the search keys of its brand and DCI. */
export function medicineRow(versionCode: string, listing: GuideListing): BulkValue[] {
  return [
    versionCode,
    listing.ean13,
    listing.dci,
    listing.brand,
    listing.form,
    listing.dosage,
    listing.presentation,
    listing.publicPriceCentimes,
    listing.pbrCentimes,
    listing.generic,
    listing.reimbursable,
    listing.princepsEan13,
    listing.therapeuticClass,
    searchKey(listing.brand),
    searchKey(listing.dci),
  ];
}

/** A stored pack as the diff compares it and the GraphQL view starts from (the flags as booleans on both engines). */
export function storedListing(entity: GmrMedicineEntity): GuideListing {
  return {
    ean13: entity.ean13,
    dci: entity.dci,
    brand: entity.brand,
    form: entity.form,
    dosage: entity.dosage,
    presentation: entity.presentation,
    therapeuticClass: entity.therapeuticClass,
    generic: Boolean(entity.generic),
    princepsEan13: entity.princepsEan13,
    publicPriceCentimes: entity.publicPriceCentimes,
    pbrCentimes: entity.pbrCentimes,
    reimbursable: Boolean(entity.reimbursable),
  };
}
