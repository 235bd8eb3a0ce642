import { notePersons } from '@cmb/kit';
import type { BeneficiariesContext } from '../context';
import type { PersonEntity } from '../entities/person.entity';
import { mayResolvePerson } from '../rules/person-lookup';

/**
 * Resolves `Person` entities by reference, batched per request, under the row
 * rules of `person` and `me` (`mayResolvePerson`): a person the caller may not
 * reach is null, as an unknown reference. The affiliations an OG's rule needs
 * come with the request's coverage loader (one statement per batch). Each
 * person resolved is noted for the audit trail.
 */
export async function resolvePersonReference(reference: { ref: string }, context: BeneficiariesContext): Promise<PersonEntity | null> {
  const person = await context.persons.load(reference.ref);
  if (!person) return null;
  const organisms =
    context.caller.orgKind === 'OG' ? ((await context.coverage.load(person.ref))?.affiliations ?? []).map((a) => a.organism) : [];
  if (!mayResolvePerson(context.caller, { nationalId: person.nationalId, organisms })) return null;
  notePersons(context, [{ ref: person.ref, nationalId: person.nationalId }]);
  return person;
}
