import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ConfidentialityCode, DocumentStatusCode } from '../rules/facts';

/**
 * A pointer to one document of a person's shared medical record (DMP): where
 * the document lives, who wrote and keeps it, and how to check it. The
 * document itself stays with its custodian; this row never holds it.
 */
@Entity({ name: 'document_pointer' })
@Index('document_pointer_person_idx', ['personRef', 'status', 'serviceDate'])
@Index('document_pointer_supersedes_uq', ['supersedes'], { unique: true })
export class DocumentPointerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The opaque person reference shared across subgraphs; never a national id. */
  @Column({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  /** Code of the versioned document-type list. */
  @Column({ type: 'varchar', length: 40 })
  type!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'author_inpe', type: 'varchar', length: 16 })
  authorInpe!: string;

  /** INPE of the establishment that keeps the document. */
  @Column({ name: 'custodian_inpe', type: 'varchar', length: 16 })
  custodianInpe!: string;

  @Column({ name: 'repository_url', type: 'varchar', length: 2048 })
  repositoryUrl!: string;

  /** SHA-256 of the document, lower-case hex: lets the reader check what the custodian serves. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'mime_type', type: 'varchar', length: 127 })
  mimeType!: string;

  @Column({ type: 'varchar', length: 16 })
  confidentiality!: ConfidentialityCode;

  @Column({ type: 'varchar', length: 16 })
  status!: DocumentStatusCode;

  /** The earlier version this one replaces; unique, so a version chain never forks. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  supersedes!: string | null;

  /** Day the care the document records was given. */
  @Column({ name: 'service_date', type: 'date' })
  serviceDate!: string;

  @Column({ name: 'registered_at', type: 'varchar', length: 30 })
  registeredAt!: string;

  /** When the status last changed (superseded or withdrawn); null while the pointer is as registered. */
  @Column({ name: 'status_changed_at', type: 'varchar', length: 30, nullable: true })
  statusChangedAt!: string | null;

  /** Hidden by the person from every reader but break-glass (consent, as in France's DMP). */
  @Column({ type: 'boolean', default: false })
  masked!: boolean;

  /** Why the pointer was withdrawn; kept for the audit, never returned by the API nor logged. */
  @Column({ name: 'withdrawal_reason', type: 'varchar', length: 500, nullable: true })
  withdrawalReason!: string | null;
}
