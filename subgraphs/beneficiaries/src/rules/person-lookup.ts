import { CARE_GIVER_KINDS } from '@cmb/kit';
import type { Caller } from '@cmb/kit';
import { signedInPerson } from './signed-in-person';

/** Organisation kinds that may look a person up by national id, beyond their own members. */
const LOOKUP_KINDS = new Set(['OG', 'REGULATOR']);

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
  if (!CARE_GIVER_KINDS.has(kind)) return false;
  return (
    caller.purposes.some((purpose) => RECORD_PURPOSES.includes(purpose)) &&
    !caller.purposes.some((purpose) => UNGUARDED_PURPOSES.includes(purpose))
  );
}

/** Who may read a person's affiliation history by national id: an OG (its own members only) and ANAM. */
export function mayReadAffiliationHistory(caller: Pick<Caller, 'orgKind'>): boolean {
  return LOOKUP_KINDS.has(caller.orgKind ?? '');
}

/** What the rule reads of a person reached by reference: its national id and the organisms of its affiliations. */
export interface PersonByRef {
  nationalId: string;
  organisms: readonly string[];
}

/**
 * Who may reach a person by reference (`_entities`), under the rules of the
 * root fields that lead to a person: an OG only a person it covers or covered
 * (as `person` confines it), ANAM anyone, the patient portal only the
 * signed-in person (as `me`), a care client only under the purposes that let
 * it look a person up (`mayLookUpPerson`); nobody else. A refused reference
 * resolves to null, as an unknown one.
 */
export function mayResolvePerson(
  caller: Pick<Caller, 'org' | 'orgKind' | 'purposes' | 'nationalId' | 'userId'>,
  person: PersonByRef,
): boolean {
  const kind = caller.orgKind ?? '';
  if (kind === 'REGULATOR') return true;
  if (kind === 'OG') return !!caller.org && person.organisms.includes(caller.org);
  if (kind === 'PATIENT_PORTAL') return signedInPerson(caller)?.nationalId === person.nationalId;
  if (CARE_GIVER_KINDS.has(kind)) return mayLookUpPerson(caller);
  return false;
}
