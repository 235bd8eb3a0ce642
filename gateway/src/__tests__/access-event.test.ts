import { PseudonymKeyring } from '@cmb/audit-store';
import type { Caller } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { accessEvent, type AccessEventFacts } from '../access-audit/access-event';

const keyring = PseudonymKeyring.parse('v1:a-pseudonymisation-secret-of-32-characters');
const CALLER: Caller = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['records:break-glass'],
  tokenId: 'jti-1',
  userId: null,
  requestId: 'a-request-id-the-client-chose',
  eventId: '6f1b1c3e-7d1a-4c55-9a4e-0b7c2d1e9f10',
};

/** The facts of one event of a request by `caller`, at `stage`. */
const factsOf = (caller: Caller, stage: AccessEventFacts['stage']): AccessEventFacts => ({
  context: { caller, requestId: caller.requestId, startedAt: process.hrtime.bigint(), subgraphsCalled: new Set(), auditIntentId: null },
  operationName: null,
  operationHash: 'hash',
  fields: { served: [], refused: [] },
  nationalIds: [],
  refs: [],
  organisms: [],
  covered: [],
  stage,
  decision: 'BREAK_GLASS',
  code: 'OK',
});

describe("the id of a request's audit event", () => {
  it('is the one the subgraphs were told (caller.eventId) for the access and a mutation outcome, its own for an intent', () => {
    expect(accessEvent(factsOf(CALLER, 'ACCESS'), keyring).eventId).toBe(CALLER.eventId);
    expect(accessEvent(factsOf(CALLER, 'OUTCOME'), keyring).eventId).toBe(CALLER.eventId);
    const intent = accessEvent(factsOf(CALLER, 'INTENT'), keyring).eventId;
    expect(intent).not.toBe(CALLER.eventId);
    expect(intent).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is a fresh one for a caller the gateway gave none', () => {
    const { eventId: _none, ...caller } = CALLER;
    const ids = new Set([accessEvent(factsOf(caller, 'ACCESS'), keyring).eventId, accessEvent(factsOf(caller, 'ACCESS'), keyring).eventId]);
    expect(ids.size).toBe(2);
  });
});

describe("an audit event's memberships", () => {
  it('says which organism covered which person, by the pseudonyms of its national id and ref, and nothing of an uncovered one', () => {
    const event = accessEvent(
      {
        ...factsOf(CALLER, 'ACCESS'),
        nationalIds: ['ZZ000001', 'ZZ000004', 'ZZ000009'],
        refs: ['ref-1', 'ref-4'],
        organisms: ['CNOPS', 'CNSS'],
        covered: [
          { identifiers: ['ZZ000001', 'ref-1'], organisms: ['CNSS'] },
          { identifiers: ['ZZ000004', 'ref-4'], organisms: ['CNOPS'] },
        ],
      },
      keyring,
    );
    const p = (value: string) => keyring.pseudonymise(value);
    expect(event.memberships).toEqual([`CNSS:${p('ZZ000001')}`, `CNSS:${p('ref-1')}`, `CNOPS:${p('ZZ000004')}`, `CNOPS:${p('ref-4')}`]);
    expect(event.subjects).toEqual([p('ZZ000001'), p('ZZ000004'), p('ZZ000009')]);
  });
});
