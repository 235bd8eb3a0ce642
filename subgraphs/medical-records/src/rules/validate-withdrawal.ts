import { hasControlCharacters } from '@cmb/kit';
import type { Checked } from './facts';

/**
 * Checks the reason given for a withdrawal: required (a withdrawal is final
 * and must be explained to the audit), bounded, no control characters other
 * than line breaks and tabs. Returns it trimmed.
 */
export function checkWithdrawalReason(raw: string, maxLength: number): Checked<string> {
  const reason = raw.trim();
  if (reason.length === 0 || reason.length > maxLength || hasControlCharacters(reason, { paragraphs: true })) {
    return { ok: false, violation: { field: 'reason', expected: `1 to ${maxLength} characters, no control characters` } };
  }
  return { ok: true, value: reason };
}
