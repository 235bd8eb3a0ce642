import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How a version changed a code: new to the copy, changed, or withdrawn (absent from the file, or now CLOSED). */
export type RegistryChangeKind = 'ADDED' | 'CHANGED' | 'WITHDRAWN';

/**
 * One code a version changed, with the copy's row before and after (JSON),
 * enough to restore the copy exactly when the version is rolled back.
 */
@Entity({ name: 'registry_change' })
@Index('registry_change_kind_idx', ['versionId', 'kind', 'inpe'])
export class RegistryChangeEntity {
  @PrimaryColumn({ name: 'version_id', type: 'varchar', length: 32 })
  versionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  inpe!: string;

  @Column({ name: 'change_kind', type: 'varchar', length: 16 })
  kind!: RegistryChangeKind;

  /** The fields that differ, comma-separated (`name,status`). */
  @Column({ name: 'changed_fields', type: 'varchar', length: 200 })
  changedFields!: string;

  /** The copy's row before (JSON, with its `updatedAt`); null for an added code. */
  @Column({ type: 'text', nullable: true })
  before!: string | null;

  /** The copy's row after (JSON). */
  @Column({ type: 'text' })
  after!: string;
}
