import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One SDL version of a subgraph, as published: who published it, when, and where it was routed. */
@Entity({ name: 'registry_subgraph_version' })
@Index('registry_subgraph_version_uq', ['subgraph', 'version'], { unique: true })
export class SubgraphVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  subgraph!: string;

  /** 1, 2, ... per subgraph. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  sdl!: string;

  /** SHA-256 of the SDL, hex. */
  @Column({ name: 'sdl_sha256', type: 'varchar', length: 64 })
  sdlSha256!: string;

  @Column({ name: 'routing_url', type: 'varchar', length: 512 })
  routingUrl!: string;

  /** The client that published it (`build` for the build-time composition). */
  @Column({ name: 'published_by_client', type: 'varchar', length: 128 })
  publishedByClient!: string;

  /** The organisation that published it. */
  @Column({ name: 'published_by_org', type: 'varchar', length: 32 })
  publishedByOrg!: string;

  /** The gateway's request id of the publish: the key to its audit events. */
  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ name: 'published_at', type: 'varchar', length: 30 })
  publishedAt!: string;
}
