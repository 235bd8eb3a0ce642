import { Kind, visit, type DocumentNode } from 'graphql';

/** Argument and input field names that name a person. */
const SUBJECT_KEYS = new Set(['nationalId', 'insuredNationalId']);

/** The argument that breaks the glass (medical records, purpose `records:break-glass`). */
const BREAK_GLASS_ARGUMENT = 'breakGlass';

function fromValue(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) fromValue(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (SUBJECT_KEYS.has(key) && typeof inner === 'string') found.add(inner);
      else fromValue(inner, found);
    }
  }
}

/** What the audit reads from a parsed document once, for every request that reuses it. */
export interface DocumentAuditFacts {
  /** The national ids written as literals. */
  literalSubjects: string[];
  /** Whether a `breakGlass` argument is written as a literal object. */
  breakGlassLiteral: boolean;
  /** The variables passed as `breakGlass` (break-glass when the request gives them a value). */
  breakGlassVariables: string[];
}

/** Reads a document's literal national ids and break-glass arguments. */
export function documentAuditFacts(document: DocumentNode): DocumentAuditFacts {
  const found = new Set<string>();
  const facts: DocumentAuditFacts = { literalSubjects: [], breakGlassLiteral: false, breakGlassVariables: [] };
  visit(document, {
    Argument(node) {
      if (SUBJECT_KEYS.has(node.name.value) && node.value.kind === Kind.STRING) found.add(node.value.value);
      if (node.name.value === BREAK_GLASS_ARGUMENT) {
        if (node.value.kind === Kind.OBJECT) facts.breakGlassLiteral = true;
        else if (node.value.kind === Kind.VARIABLE) facts.breakGlassVariables.push(node.value.name.value);
      }
    },
    ObjectField(node) {
      if (SUBJECT_KEYS.has(node.name.value) && node.value.kind === Kind.STRING) found.add(node.value.value);
    },
  });
  facts.literalSubjects = [...found];
  return facts;
}

/** The national ids a request names: the document's literals, its variables, and the signed-in person's own. */
export function subjectsOf(facts: DocumentAuditFacts, variables: Record<string, unknown> | undefined, callerNationalId?: string | null): string[] {
  const found = new Set<string>(facts.literalSubjects);
  fromValue(variables ?? {}, found);
  if (callerNationalId) found.add(callerNationalId);
  return [...found];
}

/** Whether a request breaks the glass. */
export function breaksGlass(facts: DocumentAuditFacts, variables: Record<string, unknown> | undefined): boolean {
  return facts.breakGlassLiteral || facts.breakGlassVariables.some((name) => variables?.[name] != null);
}
