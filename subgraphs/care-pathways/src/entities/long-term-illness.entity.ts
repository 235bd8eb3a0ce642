import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A recognised long-term illness (ALD/ALC) of a person and the period of its co-payment exemption. */
@Entity({ name: 'long_term_illness' })
@Index('long_term_illness_person_idx', ['personRef'])
export class LongTermIllnessEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  /** Code of the versioned ALD list (`reference-data/ald-list.json`). */
  @Column({ name: 'ald_code', type: 'varchar', length: 48 })
  aldCode!: string;

  /** Version of the ALD list the condition was recognised under. */
  @Column({ name: 'list_version', type: 'varchar', length: 32 })
  listVersion!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  /** The organisation that recorded the row (an OG's code); null for rows loaded before writes existed (seed, migration). */
  @Column({ name: 'recorded_by', type: 'varchar', length: 16, nullable: true })
  recordedBy!: string | null;

  /** The gateway request id of the write that recorded the row. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  /** When the row was recorded (ISO timestamp). */
  @Column({ name: 'recorded_at', type: 'varchar', length: 30, nullable: true })
  recordedAt!: string | null;

  /** The therapeutic protocol attached to the illness (protocols.json), when the OG attached one (R10). */
  @Column({ name: 'protocol_code', type: 'varchar', length: 48, nullable: true })
  protocolCode!: string | null;

  /** The version of the protocol attached. */
  @Column({ name: 'protocol_version', type: 'varchar', length: 32, nullable: true })
  protocolVersion!: string | null;
}
