import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A prior approval (accord préalable) asked of an OG for a care type or act, and its answer. */
@Entity({ name: 'prior_approval' })
@Index('prior_approval_person_idx', ['personRef'])
export class PriorApprovalEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  @Column({ type: 'varchar', length: 16 })
  organism!: string;

  @Column({ name: 'care_type', type: 'varchar', length: 32 })
  careType!: string;

  /** Nomenclature code of the act (NGAP/CCAM), when the approval names one. */
  @Column({ name: 'act_code', type: 'varchar', length: 32, nullable: true })
  actCode!: string | null;

  /** REQUESTED, GRANTED or REFUSED. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;
}
