import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One emergency (break-glass) access to a person's record pointers, written
 * and committed before the pointers are returned: no row, no answer.
 * Officers review the access, and the person sees it in their access
 * history, from the audit trail (the gateway's `BREAK_GLASS` event, served
 * by the audit subgraph); `reviewedAt` and `reviewer` are not filled here.
 * The justification is kept here only: never returned by the record API,
 * never logged; ANAM's security officers read it in their review queue
 * (`AuditEvent.breakGlassJustification`).
 */
@Entity({ name: 'break_glass_access' })
@Index('break_glass_access_person_idx', ['personRef', 'accessedAt'])
@Index('break_glass_access_review_idx', ['reviewedAt', 'accessedAt'])
@Index('break_glass_access_request_idx', ['requestId'])
@Index('break_glass_access_event_idx', ['eventId'])
export class BreakGlassAccessEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The opaque person reference; never a national id. */
  @Column({ name: 'person_ref', type: 'varchar', length: 36 })
  personRef!: string;

  /** INPE of the establishment or professional that broke the glass. */
  @Column({ type: 'varchar', length: 16 })
  org!: string;

  /** The realm client (software) that made the request. */
  @Column({ name: 'client_id', type: 'varchar', length: 100 })
  clientId!: string;

  /** The access token's id (`jti`). */
  @Column({ name: 'token_id', type: 'varchar', length: 100, nullable: true })
  tokenId!: string | null;

  /** The gateway's request id, to join the audit trail. */
  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  /**
   * The audit event of the request, as the gateway minted and signed it
   * (`caller.eventId`): what the justification is read by. Null for rows
   * written before it was kept, read by request id and client.
   */
  @Column({ name: 'event_id', type: 'varchar', length: 36, nullable: true })
  eventId!: string | null;

  /** Why the glass was broken, as written by the caller. */
  @Column({ type: 'varchar', length: 2000 })
  justification!: string;

  @Column({ name: 'accessed_at', type: 'varchar', length: 30 })
  accessedAt!: string;

  /** When an officer reviewed the access; null while it awaits review. */
  @Column({ name: 'reviewed_at', type: 'varchar', length: 30, nullable: true })
  reviewedAt!: string | null;

  /** Who reviewed it. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  reviewer!: string | null;
}
