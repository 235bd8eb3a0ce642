import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A batch row refused because the identity it declares differs from the one
 * the registry keeps for the same national id (R1: flagged, not guessed),
 * queued for ANAM's review. It keeps what the row said only where it differs,
 * which OG sent it and when; the national id is not copied (the person is
 * known by `person_ref`).
 */
@Entity({ name: 'identity_conflict' })
@Index('identity_conflict_received_idx', ['receivedAt', 'id'])
export class IdentityConflictEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The registry's person with that national id. */
  @Column({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  /** The OG whose batch carried the row. */
  @Column({ type: 'varchar', length: 16 })
  organism!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 128 })
  idempotencyKey!: string;

  @Column({ name: 'row_index', type: 'integer' })
  rowIndex!: number;

  /** The differing fields, comma-separated (firstName, lastName, birthDate, sex). */
  @Column({ type: 'varchar', length: 64 })
  differs!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 80, nullable: true })
  firstName!: string | null;

  @Column({ name: 'last_name', type: 'varchar', length: 80, nullable: true })
  lastName!: string | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'varchar', length: 1, nullable: true })
  sex!: string | null;

  @Column({ name: 'received_at', type: 'varchar', length: 30 })
  receivedAt!: string;
}
