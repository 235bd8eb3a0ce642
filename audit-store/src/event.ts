import { createHash } from 'node:crypto';

/** What became of an access: served, refused, or served past the usual checks in an emergency. */
export type AuditDecision = 'ALLOWED' | 'REFUSED' | 'BREAK_GLASS';

/** The decisions, in the order officers read them. */
export const AUDIT_DECISIONS: readonly AuditDecision[] = ['ALLOWED', 'REFUSED', 'BREAK_GLASS'];

/**
 * One access to personal data, allowed or refused. Never the response data;
 * the persons concerned only as keyed hashes (see {@link PseudonymKeyring}).
 */
export interface AuditEvent {
  eventId: string;
  /** ISO-8601 UTC with milliseconds. */
  occurredAt: string;
  requestId: string;
  /** The access token's `jti`. */
  tokenId: string | null;
  clientId: string;
  userId: string | null;
  org: string | null;
  purposes: string[];
  operationName: string | null;
  /** SHA-256 of the operation text: the same operation always hashes the same. */
  operationHash: string;
  /** The personal-data field paths the operation selected. */
  fieldPaths: string[];
  /** Keyed hashes of the national ids the operation concerned. */
  subjects: string[];
  /** Version of the pseudonymisation key that hashed `subjects`. */
  pseudonymKey: string;
  decision: AuditDecision;
  /** `OK` or the first error code. */
  outcome: string;
  /** The subgraphs the gateway called. */
  subgraphs: string[];
  latencyMs: number;
}

/** An event at its place in its writer's chain. */
export interface ChainedEvent {
  writerId: string;
  /** 1 for a writer's first event, then +1 per event. */
  position: number;
  event: AuditEvent;
  previousHash: string;
  hash: string;
}

/** The first link of a writer's chain. */
export const GENESIS = '0'.repeat(64);

/** Format version of the canonical text; bump on any change of {@link canonicalEvent}. */
const CANONICAL_VERSION = 1;

/**
 * The canonical text of an event at its place: fixed key order, so a hash is
 * reproducible. The writer and position are inside, so moving an event to
 * another place changes its hash.
 */
export function canonicalEvent(writerId: string, position: number, event: AuditEvent): string {
  return JSON.stringify({
    v: CANONICAL_VERSION,
    writerId,
    position,
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    requestId: event.requestId,
    tokenId: event.tokenId,
    clientId: event.clientId,
    userId: event.userId,
    org: event.org,
    purposes: event.purposes,
    operationName: event.operationName,
    operationHash: event.operationHash,
    fieldPaths: event.fieldPaths,
    subjects: event.subjects,
    pseudonymKey: event.pseudonymKey,
    decision: event.decision,
    outcome: event.outcome,
    subgraphs: event.subgraphs,
    latencyMs: event.latencyMs,
  });
}

/** Reads the event back from its canonical text (the stored `body`). */
export function parseCanonicalEvent(body: string): { writerId: string; position: number; event: AuditEvent } {
  const { v, writerId, position, ...event } = JSON.parse(body) as { v: number; writerId: string; position: number } & AuditEvent;
  if (v !== CANONICAL_VERSION) throw new Error(`unknown audit event format ${String(v)}`);
  return { writerId, position, event };
}

/** The chain link over the previous link and an event's canonical text: any change, removal or reordering breaks the chain. */
export function linkHash(previousHash: string, body: string): string {
  return createHash('sha256').update(previousHash).update('\n').update(body).digest('hex');
}

/** SHA-256 of an operation's text. */
export function operationHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

/** Chains events after a link: returns the chained events and the new head. */
export function chainEvents(
  writerId: string,
  head: ChainLink,
  events: readonly AuditEvent[],
): { chained: ChainedEvent[]; head: ChainLink } {
  let { position, hash } = head;
  const chained = events.map((event) => {
    position += 1;
    const previousHash = hash;
    hash = linkHash(previousHash, canonicalEvent(writerId, position, event));
    return { writerId, position, event, previousHash, hash };
  });
  return { chained, head: { position, hash } };
}

/** The head of a chain: its last position and link (position 0 and {@link GENESIS} for a new writer). */
export interface ChainLink {
  position: number;
  hash: string;
}

/** The head of a writer that has written nothing yet. */
export const EMPTY_CHAIN: ChainLink = { position: 0, hash: GENESIS };
