/** Argument and input field names that carry a person's identifier: refused over GET, read as audit subjects. */
export const PERSONAL_ARGUMENT_NAMES: ReadonlySet<string> = new Set(['nationalId', 'insuredNationalId']);
