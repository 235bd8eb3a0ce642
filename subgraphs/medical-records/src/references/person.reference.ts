import type { PersonType } from '../types/person.type';

/**
 * Resolves `Person` entities by reference. The person belongs to the
 * beneficiaries subgraph: here every reference is a person whose record may
 * be empty, so nothing is read now; the `documents` of all the persons of a
 * request are then loaded together, one query per batch. The care
 * relationship the gateway brings (`@requires`) is kept; a representation
 * without one has none.
 */
export function resolvePersonReference(reference: PersonType): PersonType {
  return { ref: reference.ref, careRelationship: reference.careRelationship ?? null, ownerProof: reference.ownerProof ?? null };
}
