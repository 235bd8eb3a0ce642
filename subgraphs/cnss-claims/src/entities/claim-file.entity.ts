import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A claim and reimbursement file (dossier de remboursement): the care sheets an insured filed with the OG, and what the OG made of them. */
@Entity({ name: 'claim_file' })
@Index('claim_file_person_idx', ['personRef'])
@Index('claim_file_open_idx', ['status', 'receivedOn', 'fileNumber'])
export class ClaimFileEntity {
  @PrimaryColumn({ name: 'file_number', type: 'varchar', length: 32 })
  fileNumber!: string;

  @Column({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  /** When the OG received the file. */
  @Column({ name: 'received_on', type: 'date' })
  receivedOn!: string;

  /** The earliest day of care of its sheets: the filing deadline runs from it. */
  @Column({ name: 'first_care_on', type: 'date' })
  firstCareOn!: string;

  /** RECEIVED, UNDER_REVIEW, REIMBURSED or REJECTED. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'amount_claimed_centimes', type: 'integer' })
  amountClaimedCentimes!: number;

  @Column({ name: 'amount_reimbursed_centimes', type: 'integer', nullable: true })
  amountReimbursedCentimes!: number | null;

  @Column({ name: 'reimbursed_on', type: 'date', nullable: true })
  reimbursedOn!: string | null;
}
