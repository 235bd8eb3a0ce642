import { normaliseUuid } from '@cmb/kit';
import { Kind, valueFromASTUntyped, visit, type DocumentNode } from 'graphql';
import { isNationalIdText, PERSON_REF_ARGUMENT_NAMES, PERSONAL_ARGUMENT_NAMES } from '../personal-arguments';
import { MAX_VARIABLES_DEPTH } from '../pipeline/http/variables-depth';

/**
 * A person ref as every subgraph and the registry read it (trimmed, lower
 * case), so a ref written `9B2E…` or with spaces names the same person in
 * the trail as it does in the write; a text that is no ref is kept as sent.
 */
const canonicalRefs = (refs: Iterable<string>): string[] => [...new Set([...refs].map((ref) => normaliseUuid(ref) ?? ref))];

/** The argument that breaks the glass (medical records, purpose `records:break-glass`). */
const BREAK_GLASS_ARGUMENT = 'breakGlass';

/**
 * Collects the strings under keys of `names` (national ids, or person refs),
 * down to {@link MAX_VARIABLES_DEPTH} levels (deeper variables are refused
 * before any step reads them; a value that reaches here deeper is not
 * followed, never a stack overflow).
 */
function fromValue(value: unknown, found: Set<string>, names: ReadonlySet<string> = PERSONAL_ARGUMENT_NAMES, depth = 0): void {
  if (depth > MAX_VARIABLES_DEPTH) return;
  if (Array.isArray(value)) for (const item of value) fromValue(item, found, names, depth + 1);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (names.has(key) && typeof inner === 'string') found.add(inner);
      else fromValue(inner, found, names, depth + 1);
    }
  }
}

/**
 * The persons variables name without a document to say which variable goes
 * where (a persisted query sent by its hash, a text that does not parse):
 * the strings under arguments named for national ids or refs, and any string
 * that is a national id, down to {@link MAX_VARIABLES_DEPTH} levels.
 */
export function personsInVariables(variables: unknown): { nationalIds: string[]; refs: string[] } {
  const nationalIds = new Set<string>();
  const refs = new Set<string>();
  fromValue(variables, nationalIds);
  fromValue(variables, refs, PERSON_REF_ARGUMENT_NAMES);
  const strings = (value: unknown, depth: number): void => {
    if (depth > MAX_VARIABLES_DEPTH) return;
    if (typeof value === 'string') {
      if (isNationalIdText(value)) nationalIds.add(value);
    } else if (value && typeof value === 'object') for (const inner of Object.values(value)) strings(inner, depth + 1);
  };
  strings(variables, 0);
  return { nationalIds: [...nationalIds], refs: canonicalRefs(refs) };
}

/** What the audit reads from a parsed document once, for every request that reuses it. */
export interface DocumentAuditFacts {
  /** The national ids written as literals. */
  literalSubjects: string[];
  /** Variables passed where a national id goes (`person(nationalId: $cin)`), whatever their name. */
  subjectVariables: string[];
  /** The person refs written as literals (`blockProvider(personRef: "...")`). */
  literalRefs: string[];
  /** Variables passed where a person ref goes, whatever their name. */
  refVariables: string[];
  /** Every variable the operation defines, with its default value when it has one. */
  variables: Map<string, unknown>;
  /** Whether a `breakGlass` argument is written as a literal object. */
  breakGlassLiteral: boolean;
  /** The variables passed as `breakGlass` (break-glass when the request, or the default, gives them a value). */
  breakGlassVariables: string[];
}

/** Reads a document's literal national ids, the variables that carry them, and its break-glass arguments. */
export function documentAuditFacts(document: DocumentNode): DocumentAuditFacts {
  const literals = new Set<string>();
  const literalRefs = new Set<string>();
  const facts: DocumentAuditFacts = {
    literalSubjects: [],
    subjectVariables: [],
    literalRefs: [],
    refVariables: [],
    variables: new Map(),
    breakGlassLiteral: false,
    breakGlassVariables: [],
  };
  const subjectValue = (value: { kind: Kind; value?: unknown; name?: { value: string } }) => {
    if (value.kind === Kind.STRING) literals.add(String(value.value));
    else if (value.kind === Kind.VARIABLE && value.name) facts.subjectVariables.push(value.name.value);
  };
  const refValue = (value: { kind: Kind; value?: unknown; name?: { value: string } }) => {
    if (value.kind === Kind.STRING) literalRefs.add(String(value.value));
    else if (value.kind === Kind.VARIABLE && value.name) facts.refVariables.push(value.name.value);
  };
  visit(document, {
    VariableDefinition(node) {
      facts.variables.set(node.variable.name.value, node.defaultValue ? valueFromASTUntyped(node.defaultValue) : undefined);
    },
    Argument(node) {
      if (PERSONAL_ARGUMENT_NAMES.has(node.name.value)) subjectValue(node.value);
      if (PERSON_REF_ARGUMENT_NAMES.has(node.name.value)) refValue(node.value);
      if (node.name.value === BREAK_GLASS_ARGUMENT) {
        if (node.value.kind === Kind.OBJECT) facts.breakGlassLiteral = true;
        else if (node.value.kind === Kind.VARIABLE) facts.breakGlassVariables.push(node.value.name.value);
      }
    },
    ObjectField(node) {
      if (PERSONAL_ARGUMENT_NAMES.has(node.name.value)) subjectValue(node.value);
      if (PERSON_REF_ARGUMENT_NAMES.has(node.name.value)) refValue(node.value);
    },
  });
  facts.literalSubjects = [...literals];
  facts.literalRefs = [...literalRefs];
  return facts;
}

/** The value of a variable the operation defines: the request's, else its default. */
function variableValue(facts: DocumentAuditFacts, variables: Record<string, unknown> | undefined, name: string): unknown {
  return variables && Object.hasOwn(variables, name) ? variables[name] : facts.variables.get(name);
}

/**
 * The national ids a request names: the document's literals, the variables
 * passed where a national id goes, the national ids inside the input objects
 * of its variables (defaults included; variables the operation does not
 * define are ignored, as GraphQL ignores them), and the signed-in person's own
 * (first).
 */
export function subjectsOf(
  facts: DocumentAuditFacts,
  variables: Record<string, unknown> | undefined,
  callerNationalId?: string | null,
): string[] {
  // The signed-in person first: a bounded event never drops them.
  const found = new Set<string>(callerNationalId ? [callerNationalId] : []);
  for (const subject of facts.literalSubjects) found.add(subject);
  for (const name of facts.subjectVariables) {
    const value = variableValue(facts, variables, name);
    if (typeof value === 'string') found.add(value);
  }
  for (const name of facts.variables.keys()) fromValue(variableValue(facts, variables, name), found);
  return [...found];
}

/**
 * The person refs a request names (a mutation's `personRef`, in arguments,
 * input objects or variables, defaults included), as the subgraphs read them:
 * the persons it asks to change, named by the intent before anything runs.
 */
export function refsOf(facts: DocumentAuditFacts, variables: Record<string, unknown> | undefined): string[] {
  const found = new Set<string>(facts.literalRefs);
  for (const name of facts.refVariables) {
    const value = variableValue(facts, variables, name);
    if (typeof value === 'string') found.add(value);
  }
  for (const name of facts.variables.keys()) fromValue(variableValue(facts, variables, name), found, PERSON_REF_ARGUMENT_NAMES);
  return canonicalRefs(found);
}

/** Whether a request breaks the glass: a literal, or a variable given a value by the request or its default. */
export function breaksGlass(facts: DocumentAuditFacts, variables: Record<string, unknown> | undefined): boolean {
  return facts.breakGlassLiteral || facts.breakGlassVariables.some((name) => variableValue(facts, variables, name) != null);
}
