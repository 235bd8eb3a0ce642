import { describe, expect, it } from 'vitest';
import { canonicalEvent, chainEvents, EMPTY_CHAIN, GENESIS, linkHash, parseCanonicalEvent, servedPersonalData } from '../event';
import { auditEvent } from './support/audit-fixtures';

describe('audit event chain', () => {
  const events = [auditEvent(1), auditEvent(2), auditEvent(3)];

  it('links each event to the one before, from the genesis link', () => {
    const { chained, head } = chainEvents('gw-1', EMPTY_CHAIN, events);
    expect(chained.map((c) => c.position)).toEqual([1, 2, 3]);
    expect(chained[0].previousHash).toBe(GENESIS);
    expect(chained[1].previousHash).toBe(chained[0].hash);
    expect(chained[0].hash).toBe(linkHash(GENESIS, canonicalEvent('gw-1', 1, events[0])));
    expect(head).toEqual({ position: 3, hash: chained[2].hash });
  });

  it('changes every later link when an event changes', () => {
    const original = chainEvents('gw-1', EMPTY_CHAIN, events).chained;
    const changed = chainEvents('gw-1', EMPTY_CHAIN, [{ ...events[0], decision: 'REFUSED' }, events[1], events[2]]).chained;
    changed.forEach((link, i) => expect(link.hash).not.toBe(original[i].hash));
  });

  it('binds an event to its writer and place: the same event elsewhere hashes differently', () => {
    expect(canonicalEvent('gw-1', 1, events[0])).not.toBe(canonicalEvent('gw-1', 2, events[0]));
    expect(canonicalEvent('gw-1', 1, events[0])).not.toBe(canonicalEvent('gw-2', 1, events[0]));
  });

  it('reads an event back from its canonical text', () => {
    expect(parseCanonicalEvent(canonicalEvent('gw-1', 7, events[0]))).toEqual({ writerId: 'gw-1', position: 7, event: events[0] });
  });

  it('refuses a canonical text of an unknown format version', () => {
    const text = canonicalEvent('gw-1', 1, events[0]).replace('"v":2', '"v":99');
    expect(() => parseCanonicalEvent(text)).toThrow(/format 99/);
  });
});

describe('audit event format', () => {
  it('keeps apart the fields served and the fields refused, the persons by ref, their organisms and the stage', () => {
    const event = auditEvent(1, {
      fieldPaths: ['person'],
      refusedFieldPaths: ['person.documents'],
      subjectRefs: ['ref-pseudonym'],
      organisms: ['CNSS'],
      stage: 'OUTCOME',
      intentEventId: '00000000-0000-4000-8000-000000000001',
    });
    const body = JSON.parse(canonicalEvent('gw-1', 1, event)) as Record<string, unknown>;
    expect(body).toMatchObject({
      v: 2,
      fieldPaths: ['person'],
      refusedFieldPaths: ['person.documents'],
      subjectRefs: ['ref-pseudonym'],
      organisms: ['CNSS'],
      stage: 'OUTCOME',
      intentEventId: '00000000-0000-4000-8000-000000000001',
    });
    expect(parseCanonicalEvent(JSON.stringify(body)).event).toEqual(event);
  });

  it('reads an event of the first format back to the very text it was hashed over', () => {
    const first =
      '{"v":1,"writerId":"gw-1","position":3,"eventId":"e1","occurredAt":"2025-01-01T08:00:00.000Z","requestId":"r","tokenId":null,"clientId":"c","userId":null,"org":"CNSS","purposes":["eligibility:check"],"operationName":"Check","operationHash":"h","fieldPaths":["eligibility"],"subjects":["s"],"pseudonymKey":"v1","decision":"REFUSED","outcome":"FORBIDDEN","subgraphs":[],"latencyMs":1}';
    const { event } = parseCanonicalEvent(first);
    expect(event).toMatchObject({ format: 1, refusedFieldPaths: [], subjectRefs: [], organisms: [], stage: 'ACCESS', intentEventId: null });
    expect(canonicalEvent('gw-1', 3, event)).toBe(first);
  });

  it('keeps which organism covered whom (format 3), after the organisms, and reads it back to the same text', () => {
    const event = auditEvent(1, { organisms: ['CNOPS', 'CNSS'], memberships: ['CNSS:p1', 'CNOPS:p2'] });
    const text = canonicalEvent('gw-1', 4, event);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body.v).toBe(3);
    expect(Object.keys(body).indexOf('memberships')).toBe(Object.keys(body).indexOf('organisms') + 1);
    const read = parseCanonicalEvent(text);
    expect(read.event).toEqual(event);
    expect(canonicalEvent('gw-1', 4, read.event)).toBe(text);
  });

  it('reads an event of the second format (no memberships) back to the very text it was hashed over', () => {
    const second = canonicalEvent('gw-1', 5, auditEvent(2));
    expect(JSON.parse(second)).toMatchObject({ v: 2 });
    expect(second).not.toContain('memberships');
    const { event } = parseCanonicalEvent(second);
    expect(event.memberships).toBeUndefined();
    expect(canonicalEvent('gw-1', 5, event)).toBe(second);
  });

  it('refuses a text of format 3 without memberships', () => {
    const text = canonicalEvent('gw-1', 1, auditEvent(1)).replace('"v":2', '"v":3');
    expect(() => parseCanonicalEvent(text)).toThrow(/without memberships/);
  });

  it('counts as served an access or an outcome with a served path, never an intent', () => {
    expect(servedPersonalData({ stage: 'ACCESS', fieldPaths: ['person'] })).toBe(true);
    expect(servedPersonalData({ stage: 'OUTCOME', fieldPaths: [] })).toBe(false);
    expect(servedPersonalData({ stage: 'INTENT', fieldPaths: ['registerDocument'] })).toBe(false);
  });
});
