import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A referral by the referring doctor to a specialty or a named provider, valid until a date. */
@Entity({ name: 'referral' })
@Index('referral_person_idx', ['personRef'])
export class ReferralEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  @Column({ name: 'from_inpe', type: 'varchar', length: 16 })
  fromInpe!: string;

  @Column({ name: 'to_specialty', type: 'varchar', length: 48, nullable: true })
  toSpecialty!: string | null;

  /** The provider referred to; null when any provider of the specialty may see the person. */
  @Column({ name: 'to_inpe', type: 'varchar', length: 16, nullable: true })
  toInpe!: string | null;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  /** The organisation that recorded the row (an OG's code); null for rows loaded before writes existed (seed, migration). */
  @Column({ name: 'recorded_by', type: 'varchar', length: 16, nullable: true })
  recordedBy!: string | null;

  /** The gateway request id of the write that recorded the row. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  /** When the row was recorded (ISO timestamp). */
  @Column({ name: 'recorded_at', type: 'varchar', length: 30, nullable: true })
  recordedAt!: string | null;
}
