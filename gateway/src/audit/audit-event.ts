import { createHash, createHmac } from 'node:crypto';

/** One access to personal data, allowed or refused. Never the response data; subjects pseudonymised. */
export interface AuditEvent {
  eventId: string;
  occurredAt: string;
  requestId: string;
  tokenId: string | null;
  clientId: string;
  userId: string | null;
  org: string | null;
  purposes: string[];
  operationName: string | null;
  /** SHA-256 of the operation text: the same operation always hashes the same. */
  operationHash: string;
  /** Root fields the operation selected. */
  fieldPaths: string[];
  /** Keyed hashes of the national ids the operation named. */
  subjects: string[];
  decision: 'ALLOWED' | 'REFUSED';
  /** `OK` or the first error code. */
  outcome: string;
  latencyMs: number;
}

/**
 * Pseudonymises a national id with a keyed hash: officers search by national
 * id (hashing it the same way) while the log holds no clear identifier.
 */
export function pseudonymise(key: Buffer, nationalId: string): string {
  return createHmac('sha256', key).update(nationalId.trim().toUpperCase()).digest('hex');
}

/** SHA-256 of an operation's text. */
export function operationHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

/** The canonical text of an event: fixed key order, so a hash is reproducible. */
export function canonical(event: AuditEvent): string {
  return JSON.stringify([
    event.eventId, event.occurredAt, event.requestId, event.tokenId, event.clientId, event.userId, event.org, event.purposes,
    event.operationName, event.operationHash, event.fieldPaths, event.subjects, event.decision, event.outcome, event.latencyMs,
  ]);
}

/** The chain link of an event: SHA-256 over the previous link and the event, so any change, removal or reordering breaks the chain. */
export function chainHash(previous: string, event: AuditEvent): string {
  return createHash('sha256').update(previous).update('\n').update(canonical(event)).digest('hex');
}

/** The first link of a writer's chain. */
export const GENESIS = '0'.repeat(64);
