import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One medicine pack as listed in one GMR version: a version is a full
 * snapshot, so a withdrawal is a row that the next version no longer has.
 * Prices are integer centimes of MAD. `brandKey` and `dciKey` are the
 * normalised search keys (rules/search-key.ts), compared in binary collation.
 */
@Entity({ name: 'gmr_medicine' })
@Index('gmr_medicine_ean13_idx', ['ean13'])
@Index('gmr_medicine_brand_key_idx', ['gmrVersion', 'brandKey', 'ean13'])
@Index('gmr_medicine_dci_key_idx', ['gmrVersion', 'dciKey'])
@Index('gmr_medicine_princeps_idx', ['gmrVersion', 'princepsEan13'])
export class GmrMedicineEntity {
  @PrimaryColumn({ name: 'gmr_version', type: 'varchar', length: 16 })
  gmrVersion!: string;

  @PrimaryColumn({ type: 'varchar', length: 13 })
  ean13!: string;

  /** International non-proprietary name (DCI), e.g. `amoxicilline/acide clavulanique`. */
  @Column({ type: 'varchar', length: 160 })
  dci!: string;

  @Column({ type: 'varchar', length: 120 })
  brand!: string;

  @Column({ type: 'varchar', length: 80 })
  form!: string;

  @Column({ type: 'varchar', length: 60 })
  dosage!: string;

  @Column({ type: 'varchar', length: 120 })
  presentation!: string;

  /** Public selling price (PPV), centimes. */
  @Column({ name: 'public_price_centimes', type: 'integer' })
  publicPriceCentimes!: number;

  /** Reimbursement base price (PBR), centimes. */
  @Column({ name: 'pbr_centimes', type: 'integer' })
  pbrCentimes!: number;

  @Column({ type: 'boolean' })
  generic!: boolean;

  @Column({ type: 'boolean' })
  reimbursable!: boolean;

  /** EAN13 of the princeps a generic refers to; null for a princeps. */
  @Column({ name: 'princeps_ean13', type: 'varchar', length: 13, nullable: true })
  princepsEan13!: string | null;

  @Column({ name: 'therapeutic_class', type: 'varchar', length: 120, nullable: true })
  therapeuticClass!: string | null;

  @Column({ name: 'brand_key', type: 'varchar', length: 120 })
  brandKey!: string;

  @Column({ name: 'dci_key', type: 'varchar', length: 160 })
  dciKey!: string;
}
