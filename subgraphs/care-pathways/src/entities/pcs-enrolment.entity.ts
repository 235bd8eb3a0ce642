import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person's enrolment in a coordinated care pathway (PCS) for one pathology, through a referring doctor. */
@Entity({ name: 'pcs_enrolment' })
@Index('pcs_enrolment_person_idx', ['personRef'])
export class PcsEnrolmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  @Column({ type: 'varchar', length: 16 })
  organism!: string;

  @Column({ type: 'varchar', length: 32 })
  regime!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 8 })
  regionCode!: string;

  /** ALD code of the pathology the pathway follows. */
  @Column({ name: 'pathology_code', type: 'varchar', length: 48 })
  pathologyCode!: string;

  @Column({ name: 'referring_doctor_inpe', type: 'varchar', length: 16 })
  referringDoctorInpe!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;
}
