import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One pack's change in an imported GMR version against the version before:
 * ADDED, CHANGED or WITHDRAWN (rules/guide-diff.ts), with the fields that
 * differ. Listed by version, then kind, in EAN-13 order.
 */
@Entity({ name: 'gmr_change' })
@Index('gmr_change_kind_idx', ['gmrVersion', 'kind', 'ean13'])
export class GmrChangeEntity {
  @PrimaryColumn({ name: 'gmr_version', type: 'varchar', length: 16 })
  gmrVersion!: string;

  @PrimaryColumn({ type: 'varchar', length: 13 })
  ean13!: string;

  /** ADDED, CHANGED or WITHDRAWN. */
  @Column({ type: 'varchar', length: 12 })
  kind!: string;

  /** The changed fields, comma-separated, as the `Medicine` type names them; empty when none. */
  @Column({ type: 'varchar', length: 200 })
  fields!: string;
}
