import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { chainHash, GENESIS, pseudonymise, type AuditEvent } from '../audit/audit-event';
import type { AuditStore, ChainedEvent } from '../audit/audit-store';
import { AuditWriter } from '../audit/audit-writer';
import { literalSubjects, subjectsOf } from '../audit/subjects';

const event = (id: string): AuditEvent => ({
  eventId: id, occurredAt: '2026-03-02T08:00:00.000Z', requestId: `r-${id}`, tokenId: null, clientId: 'c', userId: null, org: null,
  purposes: ['eligibility:check'], operationName: null, operationHash: 'h', fieldPaths: ['eligibility'], subjects: [], decision: 'ALLOWED', outcome: 'OK', latencyMs: 1,
});

/** An in-memory store for the writer's unit tests; the real stores are exercised end to end. */
function memoryStore(failures = 0): AuditStore & { rows: ChainedEvent[]; writes: number } {
  let left = failures;
  const store = {
    rows: [] as ChainedEvent[],
    writes: 0,
    lastHash: async () => store.rows.at(-1)?.hash ?? GENESIS,
    append: async (_writer: string, events: readonly ChainedEvent[]) => {
      store.writes += 1;
      if (left > 0) {
        left -= 1;
        throw new Error('store down');
      }
      store.rows.push(...events);
    },
    close: async () => undefined,
  };
  return store;
}

describe('audit events', () => {
  it('pseudonymises a national id with a keyed hash, the same however it is typed', () => {
    const key = Buffer.from('k'.repeat(32));
    expect(pseudonymise(key, ' zz000001 ')).toBe(pseudonymise(key, 'ZZ000001'));
    expect(pseudonymise(key, 'ZZ000001')).not.toBe(pseudonymise(Buffer.from('x'.repeat(32)), 'ZZ000001'));
    expect(pseudonymise(key, 'ZZ000001')).not.toContain('000001');
  });

  it('chains links so that a changed event changes every later link', () => {
    const first = chainHash(GENESIS, event('a'));
    expect(chainHash(first, event('b'))).not.toBe(chainHash(chainHash(GENESIS, { ...event('a'), outcome: 'FORBIDDEN' }), event('b')));
  });

  it('finds the national ids of an operation in variables and literals', () => {
    const document = parse('query ($i: EligibilityInput!) { eligibility(input: $i) { outcome } person(nationalId: "ZZ000018") { ref } }');
    expect(subjectsOf(literalSubjects(document), { i: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001' } }).sort()).toEqual(['ZZ000001', 'ZZ000018']);
  });
});

describe('group commit', () => {
  it('commits events arriving together in one write, chained in order', async () => {
    const store = memoryStore();
    const writer = new AuditWriter(store, 'w');
    await Promise.all(['a', 'b', 'c'].map((id) => writer.append(event(id))));
    expect(store.writes).toBe(1);
    expect(store.rows.map((r) => r.event.eventId)).toEqual(['a', 'b', 'c']);
    expect(store.rows[1]?.previousHash).toBe(store.rows[0]?.hash);
  });

  it('rejects every event of a failed write and continues the chain from the last committed link', async () => {
    const store = memoryStore(1);
    const writer = new AuditWriter(store, 'w');
    await expect(writer.append(event('a'))).rejects.toThrow('store down');
    await writer.append(event('b'));
    expect(store.rows.map((r) => r.event.eventId)).toEqual(['b']);
    expect(store.rows[0]?.previousHash).toBe(GENESIS);
  });
});
