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
}
