import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Whether an INPE code belongs to a health professional (PS) or a health establishment (ES). */
export type ProviderKind = 'PROFESSIONAL' | 'ESTABLISHMENT';

/** Status of an INPE code in ANAM's registry; a withdrawn code is CLOSED. */
export type ProviderStatus = 'ACTIVE' | 'SUSPENDED' | 'CLOSED';

/** Public or private practice, as the registry counts them (seeds/001_225b0d72771d4c3f.txt:L895-L916). */
export type ProviderSector = 'PUBLIC' | 'PRIVATE';

/**
 * A professional or establishment of ANAM's INPE registry
 * (seeds/001_225b0d72771d4c3f.txt:L891). A professional's name is personal data.
 */
@Entity({ name: 'provider' })
@Index('provider_region_idx', ['region', 'inpe'])
@Index('provider_category_idx', ['category', 'inpe'])
export class ProviderEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  inpe!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ProviderKind;

  @Column({ type: 'varchar', length: 32 })
  category!: string;

  @Column({ type: 'varchar', length: 48, nullable: true })
  specialty!: string | null;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  sector!: ProviderSector;

  @Column({ type: 'varchar', length: 8 })
  region!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ProviderStatus;

  @Column({ name: 'active_from', type: 'date' })
  activeFrom!: string;

  /** Last day the code was active; set when the code is withdrawn (CLOSED). */
  @Column({ name: 'active_until', type: 'date', nullable: true })
  activeUntil!: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
