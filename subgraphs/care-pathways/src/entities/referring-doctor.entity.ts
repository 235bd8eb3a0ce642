import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person's declaration of their referring doctor (médecin référent) to their OG, valid for a period. */
@Entity({ name: 'referring_doctor' })
@Index('referring_doctor_person_idx', ['personRef'])
export class ReferringDoctorEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Opaque person reference shared across subgraphs; never a national id. */
  @Column({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  @Column({ name: 'doctor_inpe', type: 'varchar', length: 16 })
  doctorInpe!: string;

  /** The OG the declaration was filed with. */
  @Column({ type: 'varchar', length: 16 })
  organism!: string;

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
}
