import { createHash } from 'node:crypto';

/** What became of an access: served, refused, or served past the usual checks in an emergency. */
export type AuditDecision = 'ALLOWED' | 'REFUSED' | 'BREAK_GLASS';

/** The decisions, in the order officers read them. */
export const AUDIT_DECISIONS: readonly AuditDecision[] = ['ALLOWED', 'REFUSED', 'BREAK_GLASS'];

/**
 * Where an event stands in an operation: `ACCESS`, a query's one event;
 * `INTENT`, what a mutation is about to do, committed before any subgraph is
 * called; `OUTCOME`, what became of a mutation, linked to its intent.
 */
export type AuditStage = 'ACCESS' | 'INTENT' | 'OUTCOME';

/** The stages, in the order of an operation. */
export const AUDIT_STAGES: readonly AuditStage[] = ['ACCESS', 'INTENT', 'OUTCOME'];

/** The outcome of an intent: the mutation has not run yet. */
export const INTENT_OUTCOME = 'PENDING';

/** Longest client-chosen text (operation name, request id) an event keeps; longer text is cut. */
export const AUDIT_TEXT_MAX_LENGTH = 128;

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
  /** The operation's name, at most {@link AUDIT_TEXT_MAX_LENGTH} characters, national ids in it replaced by their pseudonyms. */
  operationName: string | null;
  /** SHA-256 of the operation text: the same operation always hashes the same. */
  operationHash: string;
  /**
   * The personal-data field paths served (schema names, never a client's
   * alias); for an intent, the paths the mutation asks for.
   */
  fieldPaths: string[];
  /** The field paths refused (by the gateway or a subgraph), apart from those served. */
  refusedFieldPaths: string[];
  /**
   * Keyed hashes of the national ids concerned: named in the operation, and
   * those of the persons the registry served or changed.
   */
  subjects: string[];
  /** Keyed hashes (the same key) of the opaque `ref`s of the persons served or changed, whatever the way in. */
  subjectRefs: string[];
  /** The organisms (OGs) covering the persons concerned when the event was written: whose officers read it. */
  organisms: string[];
  /**
   * Which organism covered which person when the event was written: for each
   * covered person and organism, `<organism>:<pseudonym>` of the person's
   * national id and of its ref (the key of `pseudonymKey`). An organism's
   * officer finds by person, and is shown, only the persons it covered; an
   * event naming its member and another insurer's never tells it the other.
   * Absent from the events written before it was kept (format 2).
   */
  memberships?: string[];
  /** Version of the pseudonymisation key that hashed `subjects` and `subjectRefs`. */
  pseudonymKey: string;
  decision: AuditDecision;
  /** `OK` or the first error code; {@link INTENT_OUTCOME} for an intent. */
  outcome: string;
  /** The subgraphs the gateway called. */
  subgraphs: string[];
  latencyMs: number;
  /** A query's access, a mutation's intent, or its outcome. */
  stage: AuditStage;
  /** For an outcome: the event id of its intent (null when the mutation was refused before it ran). */
  intentEventId: string | null;
  /**
   * The canonical format the event was written in: absent for the current
   * one; 1 for the events of the first format, read back (no refused paths,
   * persons by national id only, one stage).
   */
  format?: 1;
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
const CANONICAL_VERSION = 3;

/** The format before `memberships`: an event read back from it keeps its text, so its hash still verifies. */
const SECOND_FORMAT_VERSION = 2;

/** The fields format 2 added, with the values an event of format 1 reads as. */
function firstFormatDefaults(): Pick<AuditEvent, 'refusedFieldPaths' | 'subjectRefs' | 'organisms' | 'stage' | 'intentEventId'> {
  return { refusedFieldPaths: [], subjectRefs: [], organisms: [], stage: 'ACCESS', intentEventId: null };
}

/**
 * The canonical text of an event at its place: fixed key order, so a hash is
 * reproducible. The writer and position are inside, so moving an event to
 * another place changes its hash. An event read back from an earlier format
 * keeps its text of that format (the first; the second, without
 * `memberships`), so its hash still verifies.
 */
export function canonicalEvent(writerId: string, position: number, event: AuditEvent): string {
  if (event.format === 1) return firstFormatText(writerId, position, event);
  const { memberships } = event;
  return JSON.stringify({
    v: memberships === undefined ? SECOND_FORMAT_VERSION : CANONICAL_VERSION,
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
    refusedFieldPaths: event.refusedFieldPaths,
    subjects: event.subjects,
    subjectRefs: event.subjectRefs,
    organisms: event.organisms,
    ...(memberships !== undefined && { memberships }),
    pseudonymKey: event.pseudonymKey,
    decision: event.decision,
    outcome: event.outcome,
    subgraphs: event.subgraphs,
    latencyMs: event.latencyMs,
    stage: event.stage,
    intentEventId: event.intentEventId,
  });
}

/** The canonical text of the first format (no refused paths, refs, organisms or stage). */
function firstFormatText(writerId: string, position: number, event: AuditEvent): string {
  return JSON.stringify({
    v: 1,
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

/** Reads the event back from its canonical text (the stored `body`), of any format. */
export function parseCanonicalEvent(body: string): { writerId: string; position: number; event: AuditEvent } {
  const { v, writerId, position, ...event } = JSON.parse(body) as { v: number; writerId: string; position: number } & AuditEvent;
  if (v === 1) return { writerId, position, event: { ...event, ...firstFormatDefaults(), format: 1 } };
  if (v !== CANONICAL_VERSION && v !== SECOND_FORMAT_VERSION) throw new Error(`unknown audit event format ${String(v)}`);
  if (v === CANONICAL_VERSION && !Array.isArray(event.memberships)) throw new Error('an audit event of format 3 without memberships');
  return { writerId, position, event };
}

/** Whether an event served personal data: an access or outcome with a served path (an intent serves nothing yet). */
export function servedPersonalData(event: Pick<AuditEvent, 'stage' | 'fieldPaths'>): boolean {
  return event.stage !== 'INTENT' && event.fieldPaths.length > 0;
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
