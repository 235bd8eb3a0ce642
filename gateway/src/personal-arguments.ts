/** Argument and input field names that carry a person's identifier: refused over GET, read as audit subjects. */
export const PERSONAL_ARGUMENT_NAMES: ReadonlySet<string> = new Set(['nationalId', 'insuredNationalId']);

/** Argument and input field names that carry a person's opaque `ref`: read as audit subjects (by the ref's pseudonym). */
export const PERSON_REF_ARGUMENT_NAMES: ReadonlySet<string> = new Set(['personRef']);
