import { randomUUID } from 'node:crypto';
import { checkpointSigner, generateSigningKeyPair, TrustedKeys, type CheckpointSigner } from '../../checkpoint-signing';
import type { AuditDatabase, SqlRunner } from '../../database';
import { canonicalEvent, type AuditEvent, type ChainedEvent } from '../../event';
import { columnsSinceFirstFormat, type StoredEventRow } from '../../rows';
import { AuditWriter } from '../../writer';

/** The first instant of the test events: each next event is one hour later. */
export const FIRST_EVENT_AT = Date.parse('2025-01-01T08:00:00.000Z');

/** A plausible event; `n` makes it recognisable (request id, time: `n` hours after {@link FIRST_EVENT_AT}). */
export function auditEvent(n: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    eventId: randomUUID(),
    occurredAt: new Date(FIRST_EVENT_AT + n * 3_600_000).toISOString(),
    requestId: `req-${n}`,
    tokenId: `jti-${n}`,
    clientId: 'cnss-portal',
    userId: 'agent-42',
    org: 'CNSS',
    purposes: ['eligibility:check'],
    operationName: 'Eligibility',
    operationHash: 'a'.repeat(64),
    fieldPaths: ['eligibility.coverage'],
    subjects: [`pseudonym-${n}`],
    pseudonymKey: 'v1',
    decision: 'ALLOWED',
    outcome: 'OK',
    subgraphs: ['beneficiaries'],
    latencyMs: 1.5,
    refusedFieldPaths: [],
    subjectRefs: [`ref-pseudonym-${n}`],
    organisms: ['CNSS'],
    stage: 'ACCESS',
    intentEventId: null,
    ...overrides,
  };
}

/** A fresh Ed25519 checkpoint key: its signer and its public half. */
export function signingKey(keyId: string): { signer: CheckpointSigner; keyId: string; publicKey: string } {
  const pair = generateSigningKeyPair();
  return { signer: checkpointSigner(keyId, pair.privateKey), keyId, publicKey: pair.publicKey };
}

/** The trusted keys of some signing keys. */
export function trustedKeysOf(...keys: { keyId: string; publicKey: string }[]): TrustedKeys {
  const trusted = new TrustedKeys();
  for (const key of keys) trusted.add(key.keyId, key.publicKey);
  return trusted;
}

/** How {@link writeChain} writes. */
export interface ChainPlan {
  writerId: string;
  signer: CheckpointSigner;
  /** Events appended together, batch after batch (each batch awaited before the next). */
  batches: number[];
  checkpointEvery: number;
  /** Seal the unsealed tail at the end. */
  drain?: boolean;
  /** The number of the first event (see {@link auditEvent}). */
  firstEvent?: number;
  /** When event `n` occurred; `n` hours after {@link FIRST_EVENT_AT} by default. */
  eventAt?: (n: number) => Date;
}

/** Writes events through the real writer, batch by batch; returns them in chain order. */
export async function writeChain(db: AuditDatabase, plan: ChainPlan): Promise<AuditEvent[]> {
  const writer = new AuditWriter(db, { writerId: plan.writerId, signer: plan.signer, checkpointEvery: plan.checkpointEvery });
  const written: AuditEvent[] = [];
  let n = plan.firstEvent ?? 1;
  try {
    for (const size of plan.batches) {
      const batch = Array.from({ length: size }, () => {
        const event = auditEvent(n, plan.eventAt ? { occurredAt: plan.eventAt(n).toISOString() } : {});
        n += 1;
        return event;
      });
      await Promise.all(batch.map((event) => writer.append(event)));
      written.push(...batch);
    }
    if (plan.drain) await writer.drain();
  } finally {
    writer.stop();
  }
  return written;
}

/** A database that counts its transactions, can fail the next ones, and can hold a commit until released. */
export interface InstrumentedDatabase extends AuditDatabase {
  transactions: number;
  /** Transactions still to fail (before any statement runs). */
  failures: number;
  /** While set, transactions wait for it before committing. */
  gate: Promise<void> | null;
}

/** Wraps a database to observe and disturb its transactions. */
export function instrumented(db: AuditDatabase): InstrumentedDatabase {
  const wrapped: InstrumentedDatabase = {
    dialect: db.dialect,
    query: (sql, params) => db.query(sql, params),
    execScript: (sql) => db.execScript(sql),
    lockWriter: (writerId) => db.lockWriter(writerId),
    close: () => db.close(),
    transactions: 0,
    failures: 0,
    gate: null,
    transaction<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T> {
      wrapped.transactions += 1;
      if (wrapped.failures > 0) {
        wrapped.failures -= 1;
        return Promise.reject(new Error('audit store down'));
      }
      return db.transaction(async (tx) => {
        const result = await work(tx);
        if (wrapped.gate) await wrapped.gate;
        return result;
      });
    },
  };
  return wrapped;
}

/** A chained event as the store gives it back, at storage order `seq`. */
export function storedRowOf(chained: ChainedEvent, seq: number): StoredEventRow {
  const { event } = chained;
  return {
    seq,
    writerId: chained.writerId,
    position: chained.position,
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    requestId: event.requestId,
    clientId: event.clientId,
    org: event.org,
    purposes: event.purposes,
    operationName: event.operationName,
    decision: event.decision,
    outcome: event.outcome,
    subjects: event.subjects,
    ...columnsSinceFirstFormat(event),
    body: canonicalEvent(chained.writerId, chained.position, event),
    previousHash: chained.previousHash,
    hash: chained.hash,
  };
}
