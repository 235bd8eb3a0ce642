import type { DocumentStatusCode } from './facts';

/** What can happen to a pointer after it was registered. */
export type StatusEvent = 'SUPERSEDE' | 'WITHDRAW';

/**
 * The life of a pointer: only a CURRENT pointer changes. It becomes
 * SUPERSEDED when a new version is registered in its place, or WITHDRAWN when
 * its author or custodian withdraws it. Nothing leaves SUPERSEDED or
 * WITHDRAWN, so a version chain never forks and a withdrawal is final.
 */
const TRANSITIONS: Readonly<Record<DocumentStatusCode, Readonly<Partial<Record<StatusEvent, DocumentStatusCode>>>>> = {
  CURRENT: { SUPERSEDE: 'SUPERSEDED', WITHDRAW: 'WITHDRAWN' },
  SUPERSEDED: {},
  WITHDRAWN: {},
};

/** The status after an event, or null when the event is not allowed from the current status. */
export function nextStatus(current: DocumentStatusCode, event: StatusEvent): DocumentStatusCode | null {
  return TRANSITIONS[current][event] ?? null;
}

/** Why a new version may not supersede a pointer. */
export type SupersessionRefusal = 'UNKNOWN_DOCUMENT' | 'NOT_CURRENT';

/**
 * Whether a new version for `personRef` may supersede `previous`. A pointer of
 * another person counts as unknown, so the answer never reveals that a
 * document exists in someone else's record.
 */
export function supersessionRefusal(
  previous: { personRef: string; status: DocumentStatusCode } | null,
  personRef: string,
): SupersessionRefusal | null {
  if (!previous || previous.personRef !== personRef) return 'UNKNOWN_DOCUMENT';
  return nextStatus(previous.status, 'SUPERSEDE') === null ? 'NOT_CURRENT' : null;
}
