import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first result of a pathway write (an OG's batch, an establishment's
 * prior approval request), kept so a retry with the same key returns it.
 * Keys are scoped per writing organisation: one never occupies another's.
 */
@Entity({ name: 'pathway_write' })
export class PathwayWriteEntity {
  /** The organisation that wrote (the caller's `org`: an OG's code or an establishment's INPE). */
  @PrimaryColumn({ name: 'writer_org', type: 'varchar', length: 16 })
  writerOrg!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 128 })
  idempotencyKey!: string;

  /** The mutation written (`recordPathways`, `requestPriorApproval`). */
  @Column({ type: 'varchar', length: 32 })
  operation!: string;

  /** SHA-256 of the operation and its content: other content under a used key is refused. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'result_json', type: 'text' })
  resultJson!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
