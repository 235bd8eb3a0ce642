import { describe, expect, it } from 'vitest';
import { checkWithdrawalReason } from './validate-withdrawal';

describe('checkWithdrawalReason', () => {
  it.each<[string, string, string | null]>([
    ['a plain reason', 'Mauvais patient', 'Mauvais patient'],
    ['surrounding spaces are trimmed', '  doublon  ', 'doublon'],
    ['line breaks are kept', 'ligne 1\nligne 2', 'ligne 1\nligne 2'],
    ['the maximum length', 'x'.repeat(20), 'x'.repeat(20)],
    ['an empty reason', '', null],
    ['a blank reason', ' \t ', null],
    ['a reason too long', 'x'.repeat(21), null],
    ['a NUL character', 'doublon\u0000', null],
  ])('%s', (_case, raw, expected) => {
    const result = checkWithdrawalReason(raw, 20);
    if (expected === null) {
      expect(result).toEqual({ ok: false, violation: { field: 'reason', expected: '1 to 20 characters, no control characters' } });
    } else {
      expect(result).toEqual({ ok: true, value: expected });
    }
  });
});
