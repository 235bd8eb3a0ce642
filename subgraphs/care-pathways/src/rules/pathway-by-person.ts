import type { Caller } from '@cmb/kit';

/** Who reads a person's pathway by person: the OGs (their members) and ANAM. */
const PATHWAY_READERS = new Set(['OG', 'REGULATOR']);

/**
 * Who may read a person's care pathway by person (`Person` by reference:
 * long-term illnesses, enrolment, referrals, exceptions, prior approvals).
 * The root field that leads to a person, `person(nationalId)` in
 * beneficiaries, serves pathway data only to the OGs (confined there to their
 * own members) and ANAM, never to a care client (architecture.md: pathway data
 * by national id stays refused to care clients), nor to the patient portal;
 * this subgraph applies the same rule on its own entry. A care client reads
 * the pathway of an eligibility check it makes (`eligibility.pathway`).
 *
 * This subgraph cannot tell whose member a reference is (no subgraph reads
 * another's tables): the reference resolver also requires beneficiaries'
 * proof that it served the person to the caller (`readerProof`), which
 * carries the OG's confinement to its own members.
 */
export function mayReadPathwayByPerson(caller: Pick<Caller, 'orgKind'>): boolean {
  return PATHWAY_READERS.has(caller.orgKind ?? '');
}
