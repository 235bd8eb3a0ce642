import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * How a GMR version was loaded by an import: the file's digest (a re-sent
 * file is recognised and changes nothing), when, by which client, the
 * version it followed and that version's end date before (so a rollback
 * puts it back), and the counts of the diff. Versions seeded or loaded
 * otherwise have no row here and do not roll back.
 */
@Entity({ name: 'gmr_import' })
@Index('gmr_import_digest_idx', ['sourceDigest'])
export class GmrImportEntity {
  @PrimaryColumn({ name: 'gmr_version', type: 'varchar', length: 16 })
  gmrVersion!: string;

  /** SHA-256 of the file's text, hex. */
  @Column({ name: 'source_digest', type: 'varchar', length: 64 })
  sourceDigest!: string;

  /** ISO 8601 instant of the import. */
  @Column({ name: 'imported_at', type: 'varchar', length: 30 })
  importedAt!: string;

  /** The realm client that imported it (`anam-registry`), or `command-line`. */
  @Column({ name: 'imported_by', type: 'varchar', length: 80 })
  importedBy!: string;

  /** The version in force before, which this one closed; null for the first version. */
  @Column({ name: 'replaces_version', type: 'varchar', length: 16, nullable: true })
  replacesVersion!: string | null;

  /** The end date the replaced version had before the import (null: open). */
  @Column({ name: 'replaced_valid_until', type: 'date', nullable: true })
  replacedValidUntil!: string | null;

  @Column({ name: 'medicine_count', type: 'integer' })
  medicineCount!: number;

  @Column({ name: 'added_count', type: 'integer' })
  addedCount!: number;

  @Column({ name: 'changed_count', type: 'integer' })
  changedCount!: number;

  @Column({ name: 'withdrawn_count', type: 'integer' })
  withdrawnCount!: number;
}
