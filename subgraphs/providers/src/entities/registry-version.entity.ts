import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One published version of the INPE registry. ANAM sends the registry to the
 * OGs every five working days (seeds/001_225b0d72771d4c3f.txt:L921); every
 * answer names the version it used.
 */
@Entity({ name: 'registry_version' })
@Index('registry_version_published_idx', ['publishedOn'])
export class RegistryVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id!: string;

  @Column({ name: 'published_on', type: 'date' })
  publishedOn!: string;

  @Column({ name: 'provider_count', type: 'integer' })
  providerCount!: number;

  @Column({ name: 'loaded_at', type: 'varchar', length: 30 })
  loadedAt!: string;
}
