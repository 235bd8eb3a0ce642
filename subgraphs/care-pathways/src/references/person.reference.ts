import { appError, notePersons, verifyPersonProof } from '@cmb/kit';
import type { CarePathwaysContext } from '../context';
import { mayReadPathwayByPerson } from '../rules/pathway-by-person';
import type { PersonType } from '../types/person.type';

/**
 * Resolves `Person` entities by reference, batched per request; a person
 * without pathway data gets empty lists. Refused, before anything is read, to
 * a caller the person lookup would refuse pathway data (`mayReadPathwayByPerson`),
 * and for a person beneficiaries did not serve to the caller (its
 * `readerProof`): an OG reaches its own members only.
 */
export async function resolvePersonReference(
  reference: { ref: string; readerProof?: unknown },
  context: CarePathwaysContext,
): Promise<PersonType> {
  if (
    !mayReadPathwayByPerson(context.caller) ||
    !verifyPersonProof(context.proofSecret, reference.readerProof, reference.ref, context.caller.org)
  ) {
    throw appError('PATHWAY_BY_PERSON_REFUSED');
  }
  const record = await context.records.load(reference.ref);
  notePersons(context, [reference.ref]);
  return context.pathways.person(reference.ref, record);
}
