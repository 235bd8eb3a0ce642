import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A normalised out-of-pathway case or an authorised exception to the PCS, valid for a period. */
@Entity({ name: 'pathway_exception' })
@Index('pathway_exception_person_idx', ['personRef'])
export class PathwayExceptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  /** OUT_OF_PCS_CASE or AUTHORISED_EXCEPTION (seeds/001_225b0d72771d4c3f.txt:L612). */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;
}
