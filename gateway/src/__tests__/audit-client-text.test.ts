import { AUDIT_TEXT_MAX_LENGTH, PseudonymKeyring } from '@cmb/audit-store';
import { describe, expect, it } from 'vitest';
import { auditText } from '../access-audit/client-text';

const keyring = PseudonymKeyring.parse('v1:a-pseudonymisation-secret-of-32-characters');

describe('client-chosen text in the audit trail', () => {
  it.each([
    ['Check_ZZ000001', `Check_#${keyring.pseudonymise('ZZ000001')}`],
    ['req-ZZ000001-7', `req-#${keyring.pseudonymise('ZZ000001')}-7`],
    ['CheckZZ000001', `Check#${keyring.pseudonymise('ZZ000001')}`],
    ['S20150412001', `#${keyring.pseudonymise('S20150412001')}`],
    ['audit-3fa85f64-5717-4562-b3fc-2c963f66afa6', 'audit-3fa85f64-5717-4562-b3fc-2c963f66afa6'],
    ['Check', 'Check'],
    // In any case, as request ids are read; the rest keeps its case.
    ['check_zz000001', `check_#${keyring.pseudonymise('ZZ000001')}`],
    ['CheckZz000001', `Check#${keyring.pseudonymise('ZZ000001')}`],
    ['visit_jk123456_01', `visit_#${keyring.pseudonymise('JK123456')}_01`],
    ['eligibilityCheck_v2', 'eligibilityCheck_v2'],
    // Written in upper case, an id is the one written: the lower-case letter before it is text.
    ['checkZ000001', `check#${keyring.pseudonymise('Z000001')}`],
  ])('keeps %s as %s: any national id in it by its pseudonym', (text, kept) => {
    expect(auditText(text, keyring)).toBe(kept);
  });

  it('bounds its length, after replacing the national ids (a cut never leaves one in clear)', () => {
    const long = `${'A'.repeat(AUDIT_TEXT_MAX_LENGTH - 4)}ZZ000001`;
    const kept = auditText(long, keyring) ?? '';
    expect(kept).toHaveLength(AUDIT_TEXT_MAX_LENGTH);
    expect(kept).not.toContain('ZZ0000');
    expect(auditText('x'.repeat(10_000), keyring)).toHaveLength(AUDIT_TEXT_MAX_LENGTH);
    expect(auditText(null, keyring)).toBeNull();
  });
});
