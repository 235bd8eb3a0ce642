import type { Caller } from '@cmb/kit';

/** Organisation kinds that may look a person up by national id, beyond their own members. */
const LOOKUP_KINDS = new Set(['OG', 'REGULATOR']);

/**
 * Who may look a person up by national id (`person`, `affiliationHistory`):
 * an OG (then confined to its own members) and ANAM. Establishments and
 * professionals reach a person's data only through an eligibility check;
 * their access to pathway and record data by national id waits for the
 * care-relationship and break-glass rules, so it is refused until then
 * (deny by default).
 */
export function mayLookUpPerson(caller: Pick<Caller, 'orgKind'>): boolean {
  return LOOKUP_KINDS.has(caller.orgKind ?? '');
}
