import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many operations selected a field of the supergraph on one day (UTC),
 * summed over every gateway: each gateway counts in memory and adds its
 * counts here periodically. A breaking change is allowed on a field with no
 * traffic over the usage window.
 */
@Entity({ name: 'registry_field_usage' })
export class FieldUsageEntity {
  /** `Type.field` of the client-facing schema. */
  @PrimaryColumn({ type: 'varchar', length: 256 })
  coordinate!: string;

  /** `YYYY-MM-DD`, UTC. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'bigint' })
  requests!: number;
}
