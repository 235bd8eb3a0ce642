import type { BeneficiariesContext } from '../context';
import type { PersonEntity } from '../entities/person.entity';

/** Resolves `Person` entities by reference, batched per request. */
export function resolvePersonReference(reference: { ref: string }, context: BeneficiariesContext): Promise<PersonEntity | null> {
  return context.persons.load(reference.ref);
}
