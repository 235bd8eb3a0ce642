import { AUDIT_TEXT_MAX_LENGTH, type PseudonymKeyring } from '@cmb/audit-store';
import { replaceNationalIdsInAnyCase } from '../personal-arguments';

/** How a national id found in a client's text is kept: `#` and its pseudonym. */
const PSEUDONYM_MARK = '#';

/**
 * A client-chosen text (an operation name) as the audit trail keeps it: every
 * piece with the form of a national id, in any case, replaced by its pseudonym
 * (the same keyed hash as the subjects, so an officer can still match it),
 * then cut to {@link AUDIT_TEXT_MAX_LENGTH} characters. Null stays null.
 */
export function auditText(text: string | null | undefined, keyring: PseudonymKeyring): string | null {
  if (text === null || text === undefined) return null;
  const masked = replaceNationalIdsInAnyCase(text, (nationalId) => `${PSEUDONYM_MARK}${keyring.pseudonymise(nationalId)}`);
  return masked.length > AUDIT_TEXT_MAX_LENGTH ? masked.slice(0, AUDIT_TEXT_MAX_LENGTH) : masked;
}
