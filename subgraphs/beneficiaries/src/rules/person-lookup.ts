import type { Caller } from '@cmb/kit';

/** Organisation kinds that may look a person up by national id, beyond their own members. */
const LOOKUP_KINDS = new Set(['OG', 'REGULATOR']);

/** Care kinds: bound to their own INPE. */
const CARE_KINDS = new Set(['ESTABLISHMENT', 'PROFESSIONAL']);

/** Purposes under which a care client reaches a person's record pointers, guarded in medical-records by the care relationship, consent and break-glass. */
const RECORD_PURPOSES = ['records:read', 'records:break-glass'];

/**
 * Purposes that would open other fields of a person to a care client and
 * that no care-relationship rule guards yet (pathway facts, identity): a
 * token carrying one of them does not get the lookup, whatever else it holds.
 */
const UNGUARDED_PURPOSES = ['pathway:read', 'beneficiary:read'];

/**
 * Who may look a person up by national id (`person`): an OG (then confined
 * to its own members) and ANAM; and an establishment or a professional acting
 * under `records:read` or `records:break-glass`, which then reaches only the
 * opaque `ref` and the record pointers (`documents`), themselves guarded by
 * the care relationship, the person's consent and break-glass in
 * medical-records (identity fields need `beneficiary:read`, which care
 * clients never hold). Pathway data by national id stays refused to care
 * clients (deny by default).
 */
export function mayLookUpPerson(caller: Pick<Caller, 'orgKind' | 'purposes'>): boolean {
  const kind = caller.orgKind ?? '';
  if (LOOKUP_KINDS.has(kind)) return true;
  if (!CARE_KINDS.has(kind)) return false;
  return (
    caller.purposes.some((purpose) => RECORD_PURPOSES.includes(purpose)) &&
    !caller.purposes.some((purpose) => UNGUARDED_PURPOSES.includes(purpose))
  );
}

/** Who may read a person's affiliation history by national id: an OG (its own members only) and ANAM. */
export function mayReadAffiliationHistory(caller: Pick<Caller, 'orgKind'>): boolean {
  return LOOKUP_KINDS.has(caller.orgKind ?? '');
}
