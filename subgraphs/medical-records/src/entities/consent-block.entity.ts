import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person's objection to one establishment or professional reading their
 * shared medical record (as in France's DMP): that INPE gets `CONSENT_BLOCKED`
 * until the person lifts it; break-glass is the only way past it.
 */
@Entity({ name: 'consent_block' })
export class ConsentBlockEntity {
  /** The opaque person reference; never a national id. */
  @PrimaryColumn({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  /** INPE of the blocked establishment or professional. */
  @PrimaryColumn({ name: 'blocked_inpe', type: 'varchar', length: 16 })
  blockedInpe!: string;

  /** When the person blocked it (ISO timestamp). */
  @Column({ type: 'varchar', length: 30 })
  since!: string;
}
