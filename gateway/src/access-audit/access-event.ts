import { randomUUID } from 'node:crypto';
import {
  membership,
  type AuditDecision,
  type AuditEvent,
  type AuditStage,
  type AuditWriter,
  type PseudonymKeyring,
} from '@cmb/audit-store';
import type { GatewayContext } from '../context/gateway-context';
import { auditText } from './client-text';

/** What one audit event says of a request, before its persons are pseudonymised. */
export interface AccessEventFacts {
  context: Pick<GatewayContext, 'caller' | 'requestId' | 'startedAt' | 'subgraphsCalled' | 'auditIntentId'>;
  /** The operation's name as the client wrote it (kept as {@link auditText} keeps it), and the hash of its text. */
  operationName: string | null | undefined;
  operationHash: string;
  /** Personal-data fields by schema path: served, and refused. */
  fields: { served: string[]; refused: string[] };
  /** National ids and refs of the persons touched, in clear: pseudonymised here. */
  nationalIds: readonly string[];
  refs: readonly string[];
  organisms: string[];
  /** The persons an organism covered, each by its national id (when known) and ref, in clear: pseudonymised here. */
  covered: readonly CoveredPerson[];
  stage: AuditStage;
  decision: AuditDecision;
  code: string;
}

/** A person some organisms covered when the event was written: its identifiers (national id, ref) in clear. */
export interface CoveredPerson {
  identifiers: readonly string[];
  organisms: readonly string[];
}

/** The pseudonyms of some persons' identifiers, each once (each computed once per event). */
function pseudonymsOf(keyring: PseudonymKeyring): (values: readonly string[]) => string[] {
  const known = new Map<string, string>();
  const pseudonymOf = (value: string) => {
    let pseudonym = known.get(value);
    if (pseudonym === undefined) {
      pseudonym = keyring.pseudonymise(value);
      known.set(value, pseudonym);
    }
    return pseudonym;
  };
  return (values) => [...new Set(values.map(pseudonymOf))];
}

/** One audit event of a request: who asked, under which purposes, what was served or refused, whom it touched (pseudonymised). */
export function accessEvent(facts: AccessEventFacts, keyring: PseudonymKeyring): AuditEvent {
  const { caller } = facts.context;
  const pseudonyms = pseudonymsOf(keyring);
  // Which organism covered whom: an organism's officer finds and is shown only its members among the event's persons.
  const memberships = facts.covered.flatMap((person) =>
    person.organisms.flatMap((organism) => pseudonyms(person.identifiers).map((pseudonym) => membership(organism, pseudonym))),
  );
  return {
    // The request's own event carries the id the subgraphs were told (`caller.eventId`); a mutation's intent one of its own.
    eventId: facts.stage === 'INTENT' ? randomUUID() : (caller.eventId ?? randomUUID()),
    occurredAt: new Date().toISOString(),
    // As the logs and subgraphs have it: assigned to name no one (`keptRequestId`), so a break-glass justification filed
    // under it by medical-records is found by it.
    requestId: facts.context.requestId,
    tokenId: caller.tokenId,
    clientId: caller.clientId,
    userId: caller.userId,
    org: caller.org,
    purposes: [...caller.purposes],
    operationName: auditText(facts.operationName, keyring),
    operationHash: facts.operationHash,
    fieldPaths: facts.fields.served,
    refusedFieldPaths: facts.fields.refused,
    subjects: pseudonyms(facts.nationalIds),
    subjectRefs: pseudonyms(facts.refs),
    organisms: facts.organisms,
    memberships: [...new Set(memberships)],
    pseudonymKey: keyring.currentVersion,
    decision: facts.decision,
    outcome: facts.code,
    subgraphs: [...facts.context.subgraphsCalled].sort(),
    latencyMs: Math.round(Number(process.hrtime.bigint() - facts.context.startedAt) / 1e3) / 1e3,
    stage: facts.stage,
    intentEventId: facts.stage === 'OUTCOME' ? facts.context.auditIntentId : null,
  };
}

/** Appends an event and reports the wait once (seconds, committed or not); resolves to why it failed, null once committed. */
export async function commitEvent(
  writer: AuditWriter,
  event: AuditEvent,
  observeCommit?: (seconds: number, committed: boolean) => void,
): Promise<{ error: unknown } | null> {
  const since = process.hrtime.bigint();
  let failure: { error: unknown } | null = null;
  try {
    await writer.append(event);
  } catch (error) {
    failure = { error };
  }
  observeCommit?.(Number(process.hrtime.bigint() - since) / 1e9, failure === null);
  return failure;
}
