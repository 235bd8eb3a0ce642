import type { PersonType } from '../types/person.type';

/**
 * Resolves `Person` entities by reference. The person belongs to the
 * beneficiaries subgraph: here every reference is a person whose record may
 * be empty, so nothing is read now; the `documents` of all the persons of a
 * request are then loaded together, one query per batch.
 */
export function resolvePersonReference(reference: { ref: string }): PersonType {
  return { ref: reference.ref };
}
