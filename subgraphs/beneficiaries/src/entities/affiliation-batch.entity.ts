import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first result of an OG's affiliation batch, kept so a retry with the
 * same key returns it unchanged. Keys are scoped per writing organisation:
 * one OG never occupies another's.
 */
@Entity({ name: 'affiliation_batch' })
export class AffiliationBatchEntity {
  /** The organisation that sent the batch (the caller's `org`): the scope of its key. */
  @PrimaryColumn({ name: 'writer_org', type: 'varchar', length: 16 })
  writerOrg!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 128 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 16 })
  organism!: string;

  /** SHA-256 of the batch content: a different batch under a used key is refused. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'result_json', type: 'text' })
  resultJson!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
