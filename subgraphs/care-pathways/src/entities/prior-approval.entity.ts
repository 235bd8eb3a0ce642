import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A prior approval (accord préalable) asked of an OG for a care type or act, and its answer. */
@Entity({ name: 'prior_approval' })
@Index('prior_approval_person_idx', ['personRef'])
@Index('prior_approval_organism_idx', ['organism', 'requestedAt'])
@Index('prior_approval_requester_idx', ['requestedBy', 'requestedAt'])
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

  /** The day the care is planned for, as the establishment asked. */
  @Column({ name: 'planned_on', type: 'date', nullable: true })
  plannedOn!: string | null;

  /** INPE of the establishment that asked; null for approvals loaded before requests existed. */
  @Column({ name: 'requested_by', type: 'varchar', length: 16, nullable: true })
  requestedBy!: string | null;

  /** When the request was made (ISO timestamp). */
  @Column({ name: 'requested_at', type: 'varchar', length: 30, nullable: true })
  requestedAt!: string | null;

  /** The gateway request id of the request. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  /** When the OG decided (ISO timestamp); null while REQUESTED. */
  @Column({ name: 'decided_at', type: 'varchar', length: 30, nullable: true })
  decidedAt!: string | null;

  /** The gateway request id of the decision. */
  @Column({ name: 'decision_request_id', type: 'varchar', length: 64, nullable: true })
  decisionRequestId!: string | null;

  /** The reason code of a refusal (pathway-writes.json). */
  @Column({ name: 'refusal_reason', type: 'varchar', length: 48, nullable: true })
  refusalReason!: string | null;
}
