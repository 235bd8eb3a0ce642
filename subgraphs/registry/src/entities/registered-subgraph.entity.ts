import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A subgraph the registry knows: its owner, where the gateways route to it, and the version it serves. */
@Entity({ name: 'registry_subgraph' })
export class RegisteredSubgraphEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name!: string;

  /** The owning organisation (token claim `org`): ANAM for the national subgraphs, the OG for its own. */
  @Column({ type: 'varchar', length: 32 })
  owner!: string;

  /** The version the supergraph composes; null once retired. */
  @Column({ name: 'current_version', type: 'integer', nullable: true })
  currentVersion!: number | null;

  /** When it was first published (ISO timestamp). */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  /** When it was retired (ISO timestamp); null while it serves. */
  @Column({ name: 'retired_at', type: 'varchar', length: 30, nullable: true })
  retiredAt!: string | null;
}
