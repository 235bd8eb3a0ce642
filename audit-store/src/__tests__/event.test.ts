import { describe, expect, it } from 'vitest';
import { canonicalEvent, chainEvents, EMPTY_CHAIN, GENESIS, linkHash, parseCanonicalEvent } from '../event';
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
    const text = canonicalEvent('gw-1', 1, events[0]).replace('"v":1', '"v":99');
    expect(() => parseCanonicalEvent(text)).toThrow(/format 99/);
  });
});
