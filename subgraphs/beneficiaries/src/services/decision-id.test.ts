import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DECISION_ID_CLOCK_SKEW_MS, DECISION_ID_MAX_AGE_MS, DecisionIdSealer, type DecisionKey } from './decision-id';

// A synthetic check (test data).
const KEY: DecisionKey = {
  personRef: 'ref-zz-1',
  providerInpe: 'ZZP00001',
  careDate: '2026-03-02',
  careType: 'CONSULTATION',
  checkedAt: '2026-03-02T09:00:00.000Z',
  checkedBy: 'ZZP00001',
};
const CHECKED_AT = Date.parse(KEY.checkedAt);

describe('decision ids', () => {
  const sealer = new DecisionIdSealer(randomBytes(32));
  const id = sealer.seal(KEY);
  const raw = Buffer.from(id, 'base64url');

  it('open to the check they were sealed for, and say nothing of it in clear', () => {
    expect(sealer.open(id, CHECKED_AT)).toEqual(KEY);
    expect(raw.toString('latin1')).not.toContain('ref-zz-1');
  });

  it.each([
    ['another key', () => new DecisionIdSealer(randomBytes(32)).seal(KEY)],
    [
      'a byte of the body changed',
      () => Buffer.from(raw.map((byte, index) => (index === raw.length - 1 ? byte ^ 1 : byte))).toString('base64url'),
    ],
    ['a byte of the tag changed', () => Buffer.from(raw.map((byte, index) => (index === 20 ? byte ^ 1 : byte))).toString('base64url')],
    ['the tag cut short', () => raw.subarray(0, 16).toString('base64url')],
    ['nothing after the tag', () => raw.subarray(0, 28).toString('base64url')],
    ['not base64url', () => '!!'],
  ])('refuse an id with %s', (_label, forge) => {
    expect(sealer.open(forge(), CHECKED_AT)).toBeNull();
  });

  it.each<[string, number, boolean]>([
    ['at its bound', DECISION_ID_MAX_AGE_MS, true],
    ['past its bound', DECISION_ID_MAX_AGE_MS + 1, false],
    ['dated ahead within the clock skew', -DECISION_ID_CLOCK_SKEW_MS, true],
    ['dated ahead beyond the clock skew', -DECISION_ID_CLOCK_SKEW_MS - 1, false],
  ])('open an id %s (%i ms after its check): %s', (_label, ageMs, opens) => {
    expect(sealer.open(id, CHECKED_AT + ageMs) !== null).toBe(opens);
  });

  it('refuse an id whose check has no readable time', () => {
    expect(sealer.open(sealer.seal({ ...KEY, checkedAt: 'not a time' }), CHECKED_AT)).toBeNull();
  });
});
