import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many times an event of the registry happened on a day, by up to two
 * values (an eligibility decision's outcome and regime): counts only, no
 * person, no organisation that asked. Written in batches by the
 * `IndicatorCounter`, read by the regulator's indicators.
 */
@Entity({ name: 'indicator_count' })
export class IndicatorCountEntity {
  /** ELIGIBILITY_CHECKS or DOUBLE_REGISTRATIONS_CAUGHT. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  indicator!: string;

  /** YYYY-MM-DD, Africa/Casablanca. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  /** The first dimension (an outcome), or '' when the indicator has none. */
  @PrimaryColumn({ name: 'first_value', type: 'varchar', length: 40 })
  firstValue!: string;

  /** The second dimension (a regime), or ''. */
  @PrimaryColumn({ name: 'second_value', type: 'varchar', length: 40 })
  secondValue!: string;

  @Column({ type: 'integer' })
  occurrences!: number;
}
