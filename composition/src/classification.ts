import { PURPOSES, SENSITIVITIES } from '@cmb/kit';
import { directiveArgument, directiveNamed, fieldSetNames, queryRootName, rootTypeNames } from './sdl-reading';
import { Kind, parse, type ConstDirectiveNode, type DefinitionNode, type FieldDefinitionNode, type TypeNode } from 'graphql';

/**
 * The classification check of `npm run compose`: every field a subgraph
 * serves says who may read it (`@scopes`, its own or its type's) or that it
 * is open (`@public`), and every `@scopes` names the sensitivity class of the
 * data (its own, or its type's). Pure: SDL in, problems out.
 *
 * Exempt by rule, never annotated: federation plumbing (the types and root
 * fields federation adds: `_entities`, `_service`, `_Service`, `_Any`,
 * `_Entity`; any other name starting with `_` is classified like every
 * other, since it is served), `@inaccessible` fields and types
 * (never served to clients: `personRef`, `providerFacts`, `pathwayFacts`,
 * `ProviderFacts`, `PathwayFacts`), `@external` fields (classified by the
 * subgraph that resolves them), and `@key` fields of type `ID` (opaque
 * references that carry no personal data: `Person.ref`, `EligibilityDecision.id`,
 * `DocumentPointer.id`). A key of another type (`Provider.inpe`) is classified.
 *
 * One relaxation: a root field (`Query`, `Mutation`) whose `@scopes` only
 * gates reference data, i.e. it returns a type marked `@public`, may omit
 * the sensitivity (the medicines guide under `medicine:read`).
 */

/** One subgraph's printed SDL. */
export interface ClassifiedSubgraph {
  name: string;
  sdl: string;
}

/** A classification failure, named `Subgraph / Type.field` (or `Subgraph / Type`). */
export interface ClassificationProblem {
  subgraph: string;
  /** `Type.field`, or `Type` for a type-level problem. */
  coordinate: string;
  message: string;
}

/** What the access matrix shows for a field: its sensitivity class, `public`, or `none`. */
export type FieldClass = (typeof SENSITIVITIES)[number] | 'public' | 'none';

/** Why a field needs no annotation, or null when it does. */
export type Exemption = 'federation plumbing' | 'inaccessible' | 'external' | 'opaque key' | null;

interface ScopesUse {
  anyOf: string[] | null;
  sensitivity: string | null;
}

interface TypeModel {
  name: string;
  directives: ConstDirectiveNode[];
  fields: FieldDefinitionNode[];
}

interface SchemaModel {
  types: Map<string, TypeModel>;
  roots: Set<string>;
  /** The query root: the only type federation adds `_entities` and `_service` to. */
  queryRoot: string;
}

function scopesOf(directives: readonly ConstDirectiveNode[] | undefined): ScopesUse | null {
  const node = directiveNamed(directives, 'scopes');
  if (!node) return null;
  const anyOf = directiveArgument(node, 'anyOf');
  const sensitivity = directiveArgument(node, 'sensitivity');
  return {
    anyOf: anyOf?.kind === Kind.LIST ? anyOf.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : null,
    sensitivity: sensitivity?.kind === Kind.ENUM || sensitivity?.kind === Kind.STRING ? sensitivity.value : null,
  };
}

/** The reason of a `@public`, '' when it has none, null when there is no `@public`. */
function publicReason(directives: readonly ConstDirectiveNode[] | undefined): string | null {
  const node = directiveNamed(directives, 'public');
  if (!node) return null;
  const reason = directiveArgument(node, 'reason');
  return reason?.kind === Kind.STRING ? reason.value : '';
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Object and interface types (definitions and extensions merged) and the root type names of one SDL. */
function modelOf(sdl: string): SchemaModel {
  const types = new Map<string, TypeModel>();
  const definitions: readonly DefinitionNode[] = parse(sdl).definitions;
  for (const definition of definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const model = types.get(definition.name.value) ?? { name: definition.name.value, directives: [], fields: [] };
    model.directives.push(...(definition.directives ?? []));
    model.fields.push(...(definition.fields ?? []));
    types.set(model.name, model);
  }
  return { types, roots: rootTypeNames(definitions), queryRoot: queryRootName(definitions) };
}

/** Top-level field names of the type's `@key` field sets. */
function keyFields(type: TypeModel): Set<string> {
  const keys = type.directives.filter((d) => d.name.value === 'key');
  return new Set(
    keys.flatMap((key) => {
      const fields = directiveArgument(key, 'fields');
      return fields?.kind === Kind.STRING ? fieldSetNames(fields.value) : [];
    }),
  );
}

/** The types federation adds to a subgraph or a supergraph (never served to clients); a subgraph never defines them itself. */
export const PLUMBING_TYPES: ReadonlySet<string> = new Set(['_Service', '_Any', '_Entity', '_FieldSet', 'FieldSet']);
/** The fields federation adds to the query root of a subgraph. */
const PLUMBING_ROOT_FIELDS = new Set(['_entities', '_service']);

/**
 * Whether a type, or a field of it, is federation plumbing: `_Service`,
 * `_Any`, `_Entity`, `link__`/`federation__`/`join__` types, and `_entities`
 * and `_service` on the query root (on another root they are a subgraph's
 * own fields). Any other name starting with `_` is served like any other and
 * is classified.
 */
export function isFederationPlumbing(type: string, field: string | null = null, queryRoot = 'Query'): boolean {
  if (PLUMBING_TYPES.has(type) || /^(link|federation|join)__/.test(type)) return true;
  return field !== null && type === queryRoot && PLUMBING_ROOT_FIELDS.has(field);
}

/** Why a field of a type is exempt from annotation, or null. */
export function exemptionOf(
  type: { name: string; directives: readonly ConstDirectiveNode[] },
  field: FieldDefinitionNode,
  keys: ReadonlySet<string> = new Set(),
  queryRoot = 'Query',
): Exemption {
  if (isFederationPlumbing(type.name, field.name.value, queryRoot)) return 'federation plumbing';
  if (directiveNamed(type.directives, 'inaccessible') || directiveNamed(field.directives, 'inaccessible')) return 'inaccessible';
  if (directiveNamed(field.directives, 'external')) return 'external';
  if (keys.has(field.name.value) && namedType(field.type) === 'ID') return 'opaque key';
  return null;
}

function scopesProblems(use: ScopesUse): string[] {
  const problems: string[] = [];
  if (!use.anyOf || use.anyOf.length === 0) problems.push('@scopes lists no purpose');
  for (const purpose of use.anyOf ?? []) {
    if (!(PURPOSES as readonly string[]).includes(purpose)) problems.push(`@scopes names an unknown purpose "${purpose}"`);
  }
  if (use.sensitivity !== null && !(SENSITIVITIES as readonly string[]).includes(use.sensitivity)) {
    problems.push(`@scopes names an unknown sensitivity ${use.sensitivity} (expected ${SENSITIVITIES.join(', ')})`);
  }
  return problems;
}

/** A personal-data type: one with `@scopes` on itself or on one of its fields. */
function isPersonalData(type: TypeModel): boolean {
  return scopesOf(type.directives) !== null || type.fields.some((field) => scopesOf(field.directives) !== null);
}

/** Every classification problem of one subgraph's SDL. */
export function subgraphClassificationProblems(subgraph: ClassifiedSubgraph): ClassificationProblem[] {
  const problems: ClassificationProblem[] = [];
  const report = (coordinate: string, message: string) => problems.push({ subgraph: subgraph.name, coordinate, message });
  const { types, roots, queryRoot } = modelOf(subgraph.sdl);
  const isPublicType = (name: string) => {
    const type = types.get(name);
    return type !== undefined && publicReason(type.directives) !== null && scopesOf(type.directives) === null;
  };
  for (const type of types.values()) {
    if (isFederationPlumbing(type.name) || directiveNamed(type.directives, 'inaccessible')) continue;
    const typeScopes = scopesOf(type.directives);
    const typePublic = publicReason(type.directives);
    if (typeScopes) {
      for (const message of scopesProblems(typeScopes)) report(type.name, message);
      if (typeScopes.sensitivity === null)
        report(type.name, `@scopes names no sensitivity (one of ${SENSITIVITIES.join(', ')}); its fields inherit it`);
    }
    if (typePublic === '') report(type.name, '@public needs a reason');
    if (typeScopes && typePublic !== null) report(type.name, 'both @scopes and @public: choose one');
    const personal = isPersonalData(type);
    const keys = keyFields(type);
    for (const field of type.fields) {
      const coordinate = `${type.name}.${field.name.value}`;
      const ownScopes = scopesOf(field.directives);
      const ownPublic = publicReason(field.directives);
      if (ownPublic === '') report(coordinate, '@public needs a reason');
      if (ownScopes && ownPublic !== null) report(coordinate, 'both @scopes and @public: choose one');
      if (ownScopes) {
        for (const message of scopesProblems(ownScopes)) report(coordinate, message);
        const gatesReferenceData = roots.has(type.name) && isPublicType(namedType(field.type));
        if (ownScopes.sensitivity === null && !typeScopes?.sensitivity && !gatesReferenceData) {
          report(
            coordinate,
            `@scopes names no sensitivity and ${type.name} has no @scopes to inherit one from (one of ${SENSITIVITIES.join(', ')})`,
          );
        }
        continue;
      }
      if (ownPublic !== null || typeScopes || typePublic !== null || exemptionOf(type, field, keys, queryRoot) !== null) continue;
      report(
        coordinate,
        `unclassified${personal ? ' field of a personal-data type' : ''}: neither @scopes (its own or ${type.name}'s) nor @public; ` +
          `add Scopes({ anyOf: [...], sensitivity }) or Public('reason') to the field or its type`,
      );
    }
  }
  return problems;
}

/** Every classification problem of the subgraphs, in subgraph order. */
export function classificationProblems(subgraphs: readonly ClassifiedSubgraph[]): ClassificationProblem[] {
  return subgraphs.flatMap((subgraph) => subgraphClassificationProblems(subgraph));
}

/** `Subgraph / Type.field: message`, as `npm run compose` prints it. */
export function describeClassificationProblem(problem: ClassificationProblem): string {
  return `${problem.subgraph} / ${problem.coordinate}: ${problem.message}`;
}

/** The classification one annotation gives: `@scopes` purposes and class, or `@public`. */
export interface DeclaredClassification {
  /** The purposes of its `@scopes`, sorted; null without `@scopes`. */
  anyOf: string[] | null;
  /** The class its `@scopes` names; null when it names none (or there is no `@scopes`). */
  sensitivity: string | null;
  /** Whether it carries `@public`. */
  public: boolean;
}

/**
 * Every `@scopes` and `@public` an SDL writes, as the classification check
 * reads them: by `Type` (type-level) and `Type.field`, federation plumbing
 * left out. What a subgraph declares is compared with what the composed
 * supergraph carries (`lostClassificationProblems`).
 */
export function declaredClassifications(sdl: string): Map<string, DeclaredClassification> {
  const declared = new Map<string, DeclaredClassification>();
  const read = (coordinate: string, directives: readonly ConstDirectiveNode[]) => {
    const scopes = scopesOf(directives);
    const isPublic = publicReason(directives) !== null;
    if (!scopes && !isPublic) return;
    declared.set(coordinate, {
      anyOf: scopes ? [...(scopes.anyOf ?? [])].sort() : null,
      sensitivity: scopes?.sensitivity ?? null,
      public: isPublic,
    });
  };
  for (const type of modelOf(sdl).types.values()) {
    if (isFederationPlumbing(type.name)) continue;
    read(type.name, type.directives);
    for (const field of type.fields) read(`${type.name}.${field.name.value}`, field.directives ?? []);
  }
  return declared;
}

/**
 * The class of every field of an SDL (the supergraph's, for the access
 * matrix): its own `@scopes` sensitivity, else its type's; `public` when it
 * or its type is `@public`; `none` otherwise.
 */
export function fieldClasses(sdl: string): Map<string, FieldClass> {
  const classes = new Map<string, FieldClass>();
  for (const type of modelOf(sdl).types.values()) {
    const typeScopes = scopesOf(type.directives);
    const typePublic = publicReason(type.directives) !== null;
    for (const field of type.fields) {
      const ownScopes = scopesOf(field.directives);
      const ownPublic = publicReason(field.directives) !== null;
      const sensitivity = ownScopes
        ? (ownScopes.sensitivity ?? typeScopes?.sensitivity)
        : ownPublic
          ? 'public'
          : typeScopes
            ? typeScopes.sensitivity
            : typePublic
              ? 'public'
              : null;
      classes.set(`${type.name}.${field.name.value}`, (sensitivity ?? 'none') as FieldClass);
    }
  }
  return classes;
}
