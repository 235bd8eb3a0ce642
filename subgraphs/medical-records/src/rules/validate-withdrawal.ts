import type { Checked } from './facts';

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Checks the reason given for a withdrawal: required (a withdrawal is final
 * and must be explained to the audit), bounded, no control characters other
 * than line breaks and tabs. Returns it trimmed.
 */
export function checkWithdrawalReason(raw: string, maxLength: number): Checked<string> {
  const reason = raw.trim();
  if (reason.length === 0 || reason.length > maxLength || CONTROL_CHARACTERS.test(reason)) {
    return { ok: false, violation: { field: 'reason', expected: `1 to ${maxLength} characters, no control characters` } };
  }
  return { ok: true, value: reason };
}
