/** The identity a batch row declares and the registry keeps: names, birth date (YYYY-MM-DD), sex. */
export interface Identity {
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: string;
}

/** The identity fields, in the order a difference is reported. */
export type IdentityField = keyof Identity;

const FIELDS: readonly IdentityField[] = ['firstName', 'lastName', 'birthDate', 'sex'];

/**
 * A name as it is compared: without case, accents or extra spaces ("  ÂMAL "
 * and "amal" are one name). Letters, hyphens and apostrophes are kept, so
 * "Ben-Ali" and "Benali" still differ: telling them apart is ANAM's review.
 */
export function comparableName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Where a row's identity differs from the one the registry keeps for the
 * same national id (R1: identity conflicts exist in real data, "a CNIE number
 * given to another person": flag them, do not guess). Names compare without
 * case, accents or extra spaces; birth date and sex exactly. Empty when they
 * are the same person as far as the registry can tell.
 */
export function identityDifferences(registry: Identity, row: Identity): IdentityField[] {
  return FIELDS.filter((field) =>
    field === 'firstName' || field === 'lastName'
      ? comparableName(registry[field]) !== comparableName(row[field])
      : registry[field].trim().toUpperCase() !== row[field].trim().toUpperCase(),
  );
}
