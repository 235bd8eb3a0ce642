import { fragmentsOf, normaliseUuid, rootTypeOf } from '@cmb/kit';
import {
  getArgumentValues,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { PERSON_REF_ARGUMENT_NAMES } from '../personal-arguments';

/** The person refs an operation names, or the sign that it names more than allowed. */
export type OperationPersonRefs = { refs: string[] } | { tooMany: true };

/** The root fields an operation runs, through its inline fragments and named fragments (each named fragment once). */
function rootFields(selectionSet: SelectionSetNode, document: DocumentNode): FieldNode[] {
  const fragments = fragmentsOf(document);
  const seen = new Set<string>();
  const fields: FieldNode[] = [];
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return fields;
}

/**
 * The person refs (`personRef`, at any depth) the root fields of an
 * operation carry in their arguments, as the operation will run: arguments
 * coerced from the literals and the coerced variables, defaults included
 * (graphql-js `getArgumentValues`), through aliases, inline and named
 * fragments, input objects and lists. Stops at `max` refs: more is
 * `tooMany`, so one operation cannot make the gateway look up an unbounded
 * number of persons.
 */
export function operationPersonRefs(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  max: number,
): OperationPersonRefs {
  const root = rootTypeOf(schema, operation);
  const refs: string[] = [];
  const collect = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.every(collect);
    if (!value || typeof value !== 'object') return true;
    for (const [key, inner] of Object.entries(value)) {
      if (PERSON_REF_ARGUMENT_NAMES.has(key) && typeof inner === 'string') {
        // As the subgraphs read it (trimmed, lower case): the facts signed for it are then found by it.
        refs.push(normaliseUuid(inner) ?? inner);
        if (refs.length > max) return false;
      } else if (!collect(inner)) return false;
    }
    return true;
  };
  for (const field of root ? rootFields(operation.selectionSet, document) : []) {
    const definition = root?.getFields()[field.name.value];
    if (!definition) continue;
    if (!collect(getArgumentValues(definition, field, variables))) return { tooMany: true };
  }
  return { refs: [...new Set(refs)] };
}
