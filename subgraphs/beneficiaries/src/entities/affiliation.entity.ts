import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Status of an affiliation as the OG reports it. */
export type AffiliationStatus = 'ACTIVE' | 'SUSPENDED' | 'CLOSED';

/** A person's registration in one regime of one OG, as insured or as dependant. */
@Entity({ name: 'affiliation' })
@Index('affiliation_person_idx', ['personRef'])
@Index('affiliation_insured_idx', ['insuredRef'])
@Index('affiliation_natural_uq', ['personRef', 'organism', 'regime'], { unique: true })
export class AffiliationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  @Column({ type: 'varchar', length: 16 })
  organism!: string;

  @Column({ type: 'varchar', length: 32 })
  regime!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: string;

  /** The insured person a dependant is covered through; equal to `personRef` for an insured. */
  @Column({ name: 'insured_ref', type: 'varchar', length: 36 })
  insuredRef!: string;

  @Column({ name: 'member_number', type: 'varchar', length: 32 })
  memberNumber!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: AffiliationStatus;

  @Column({ name: 'suspension_reason', type: 'varchar', length: 32, nullable: true })
  suspensionReason!: string | null;

  /** A dependant child declared as a student by the OG (age extension, R5). */
  @Column({ type: 'boolean', default: false })
  student!: boolean;

  /** A dependant declared disabled by the OG (no age limit, R5). */
  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Loaded from a legacy registry (e.g. the RAMED migration) rather than through today's write path. */
  @Column({ type: 'boolean', default: false })
  migrated!: boolean;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
