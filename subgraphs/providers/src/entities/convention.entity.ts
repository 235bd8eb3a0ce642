import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How an OG pays for care under a convention (seeds/001_225b0d72771d4c3f.txt:L686). */
export type PaymentMode = 'TIERS_PAYANT' | 'DIRECT';

/**
 * A provider's adhesion to a national convention with one OG
 * (seeds/001_225b0d72771d4c3f.txt:L350). Convention status is per OG: CNOPS
 * stayed out of the 2020 conventions (seeds/001_225b0d72771d4c3f.txt:L361).
 */
@Entity({ name: 'convention' })
@Index('convention_provider_idx', ['providerInpe'])
@Index('convention_natural_uq', ['providerInpe', 'organism', 'careType', 'validFrom'], { unique: true })
export class ConventionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'provider_inpe', type: 'varchar', length: 16 })
  providerInpe!: string;

  @Column({ type: 'varchar', length: 16 })
  organism!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  /** The care type these terms apply to (CONSULTATION, PHARMACY, ...); null for every care type. */
  @Column({ name: 'care_type', type: 'varchar', length: 32, nullable: true })
  careType!: string | null;

  @Column({ name: 'payment_mode', type: 'varchar', length: 16 })
  paymentMode!: PaymentMode;
}
