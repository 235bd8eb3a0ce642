import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One composed supergraph: what the gateways load. Versions only grow (a
 * rollback composes a new version), so every gateway follows the highest.
 */
@Entity({ name: 'registry_supergraph' })
export class SupergraphVersionEntity {
  @PrimaryColumn({ type: 'integer' })
  version!: number;

  /** SHA-256 of the SDL, hex. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'text' })
  sdl!: string;

  /** The subgraphs composed, as JSON: `[{ name, owner, version, routingUrl }]`. */
  @Column({ type: 'text' })
  members!: string;

  /** The access matrix of this supergraph (Markdown): which purpose opens which field, which clients hold it. */
  @Column({ name: 'access_matrix', type: 'text' })
  accessMatrix!: string;

  /** BUILD, PUBLISH, ROLLBACK or RETIRE. */
  @Column({ type: 'varchar', length: 16 })
  cause!: string;

  /** The subgraph whose change made this version. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  subgraph!: string | null;

  /** That subgraph's version afterwards; null when retired. */
  @Column({ name: 'subgraph_version', type: 'integer', nullable: true })
  subgraphVersion!: number | null;

  @Column({ name: 'composed_by_client', type: 'varchar', length: 128 })
  composedByClient!: string;

  @Column({ name: 'composed_by_org', type: 'varchar', length: 32 })
  composedByOrg!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ name: 'composed_at', type: 'varchar', length: 30 })
  composedAt!: string;
}
