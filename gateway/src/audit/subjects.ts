import { Kind, visit, type DocumentNode } from 'graphql';

/** Argument and input field names that name a person. */
const SUBJECT_KEYS = new Set(['nationalId', 'insuredNationalId']);

function fromValue(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) fromValue(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (SUBJECT_KEYS.has(key) && typeof inner === 'string') found.add(inner);
      else fromValue(inner, found);
    }
  }
}

/** The national ids written as literals in an operation (the same for every request of a parsed document). */
export function literalSubjects(document: DocumentNode): string[] {
  const found = new Set<string>();
  visit(document, {
    Argument(node) {
      if (SUBJECT_KEYS.has(node.name.value) && node.value.kind === Kind.STRING) found.add(node.value.value);
    },
    ObjectField(node) {
      if (SUBJECT_KEYS.has(node.name.value) && node.value.kind === Kind.STRING) found.add(node.value.value);
    },
  });
  return [...found];
}

/** The national ids an operation names: its literals (given, cached by the caller) and its variables. */
export function subjectsOf(literals: readonly string[], variables: Record<string, unknown> | undefined): string[] {
  const found = new Set<string>(literals);
  fromValue(variables ?? {}, found);
  return [...found];
}
