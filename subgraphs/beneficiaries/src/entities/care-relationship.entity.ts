import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A care relationship between a person and an establishment or a
 * professional, as eligibility checks show it: the last day the organisation
 * checked the person's eligibility with an ELIGIBLE outcome, kept for the
 * retention of the reference data, then purged. Medical-records reads it (through
 * federation, `Person.careRelationship`) before it lists the person's record.
 */
@Entity({ name: 'care_relationship' })
@Index('care_relationship_last_check_idx', ['lastCheckOn'])
export class CareRelationshipEntity {
  /** The opaque person reference; never a national id. */
  @PrimaryColumn({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  /** INPE of the establishment or professional that checked. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  org!: string;

  /** Day of the last check, Africa/Casablanca. */
  @Column({ name: 'last_check_on', type: 'date' })
  lastCheckOn!: string;
}
