import { describe, expect, it } from 'vitest';
import { REASON_MESSAGES, reasonMessage } from './reason-messages';

describe('reason messages (fr, ar, en, like errors)', () => {
  it('has a message in each language for every code, the new ones included', () => {
    expect(Object.keys(REASON_MESSAGES)).toEqual(expect.arrayContaining(['RIGHTS_NOT_YET_OPEN', 'RIGHTS_SUSPENDED_FOR_OTHER_CARE']));
    for (const [code, messages] of Object.entries(REASON_MESSAGES)) {
      for (const language of ['fr', 'ar', 'en'] as const) expect(messages[language].length, `${code} ${language}`).toBeGreaterThan(0);
    }
  });

  it.each([
    ['fr', 'Droits suspendus (UNPAID_CONTRIBUTIONS).'],
    ['en', 'Rights suspended (UNPAID_CONTRIBUTIONS).'],
    ['ar', 'الحقوق موقوفة (UNPAID_CONTRIBUTIONS).'],
  ] as const)('writes the message in %s with its parameters', (language, expected) => {
    const reason = { code: 'RIGHTS_SUSPENDED', rule: 'R3', params: { suspensionReason: 'UNPAID_CONTRIBUTIONS' } };
    expect(reasonMessage(reason, language)).toBe(expected);
  });

  it('answers the code itself for a code without messages', () => {
    expect(reasonMessage({ code: 'SOMETHING_NEW', rule: 'R2' }, 'ar')).toBe('SOMETHING_NEW');
  });
});
