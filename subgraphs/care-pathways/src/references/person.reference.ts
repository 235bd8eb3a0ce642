import { notePersons } from '@cmb/kit';
import type { CarePathwaysContext } from '../context';
import type { PersonType } from '../types/person.type';

/** Resolves `Person` entities by reference, batched per request; a person without pathway data gets empty lists. */
export async function resolvePersonReference(reference: { ref: string }, context: CarePathwaysContext): Promise<PersonType> {
  const record = await context.records.load(reference.ref);
  notePersons(context, [reference.ref]);
  return context.pathways.person(reference.ref, record);
}
