import { notePersons } from '@cmb/kit';
import type { BeneficiariesContext } from '../context';
import type { PersonEntity } from '../entities/person.entity';

/** Resolves `Person` entities by reference, batched per request; each person found is noted for the audit trail. */
export async function resolvePersonReference(reference: { ref: string }, context: BeneficiariesContext): Promise<PersonEntity | null> {
  const person = await context.persons.load(reference.ref);
  if (person) notePersons(context, [{ ref: person.ref, nationalId: person.nationalId }]);
  return person;
}
