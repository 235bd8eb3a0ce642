import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A version is CURRENT once applied (the latest CURRENT is in force) until it is ROLLED_BACK. */
export type RegistryVersionStatus = 'CURRENT' | 'ROLLED_BACK';

/** Who loaded the seeded versions (no file, no diff kept). */
export const SEEDED_BY = 'seed';

/**
 * One version of the INPE registry copy. ANAM sends the registry to the OGs
 * every five working days (seeds/001_225b0d72771d4c3f.txt:L921); every
 * answer names the version it used. A version loaded from a file keeps its
 * diff (`registry_change`), so it can be rolled back.
 */
@Entity({ name: 'registry_version' })
@Index('registry_version_published_idx', ['publishedOn'])
@Index('registry_version_status_idx', ['status', 'publishedOn'])
@Index('registry_version_sha256_uq', ['fileSha256'], { unique: true })
export class RegistryVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id!: string;

  /** The day ANAM extracted the registry (the date the file carries). */
  @Column({ name: 'published_on', type: 'date' })
  publishedOn!: string;

  /** Codes in the file (or in the seeded registry). */
  @Column({ name: 'provider_count', type: 'integer' })
  providerCount!: number;

  @Column({ name: 'loaded_at', type: 'varchar', length: 30 })
  loadedAt!: string;

  @Column({ type: 'varchar', length: 16, default: 'CURRENT' })
  status!: RegistryVersionStatus;

  @Column({ name: 'added_count', type: 'integer', default: 0 })
  addedCount!: number;

  @Column({ name: 'changed_count', type: 'integer', default: 0 })
  changedCount!: number;

  @Column({ name: 'withdrawn_count', type: 'integer', default: 0 })
  withdrawnCount!: number;

  /** The realm client that loaded it (`anam-registry`), `cli` for the command line, `seed` for the synthetic dataset. */
  @Column({ name: 'loaded_by', type: 'varchar', length: 64, default: SEEDED_BY })
  loadedBy!: string;

  /** SHA-256 of the file's text; null for a seeded version. Sending the same file again returns this version. */
  @Column({ name: 'file_sha256', type: 'varchar', length: 64, nullable: true })
  fileSha256!: string | null;

  @Column({ name: 'rolled_back_at', type: 'varchar', length: 30, nullable: true })
  rolledBackAt!: string | null;

  @Column({ name: 'rolled_back_by', type: 'varchar', length: 64, nullable: true })
  rolledBackBy!: string | null;
}
