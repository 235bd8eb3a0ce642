import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person known to the national affiliation registry. `ref` is the opaque key shared with other subgraphs. */
@Entity({ name: 'person' })
export class PersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  ref!: string;

  @Column({ name: 'national_id_scheme', type: 'varchar', length: 16 })
  nationalIdScheme!: string;

  @Index('person_national_id_uq', { unique: true })
  @Column({ name: 'national_id', type: 'varchar', length: 32 })
  nationalId!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 80 })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 80 })
  lastName!: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ type: 'varchar', length: 1 })
  sex!: string;

  /** Code of the person's region (reference list of the twelve regions); null when the identity source gave none. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  region!: string | null;
}
