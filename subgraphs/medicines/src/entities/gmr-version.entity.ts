import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One published version of the GMR and the period it applies to (seeds/001_225b0d72771d4c3f.txt:L443); one version per effective date. */
@Entity({ name: 'gmr_version' })
@Index('gmr_version_valid_from_uq', ['validFrom'], { unique: true })
export class GmrVersionEntity {
  /** Version code, e.g. `GMR-2026-03`. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code!: string;

  @Column({ name: 'published_on', type: 'date' })
  publishedOn!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  /** Last day the version applies; null while it is the open version. */
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;
}
