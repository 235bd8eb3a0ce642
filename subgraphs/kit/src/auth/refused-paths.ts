import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { ScopeRequirements } from './scope-requirements';

function allowed(required: readonly string[] | undefined, purposes: ReadonlySet<string>): boolean {
  return !required || required.some((purpose) => purposes.has(purpose));
}

/** The named fragments of a document. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
}

/** The root type an operation starts from: Query, Mutation or Subscription. */
export function rootTypeOf(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLObjectType | undefined {
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  return root ?? undefined;
}

/**
 * The response paths of an operation that the caller's purposes do not
 * allow: a field is refused when its own `@scopes`, those of the type it is
 * read on (reached by a field or through a fragment typed on it, as under
 * `_entities` or a union) or those of the type it returns list none of the
 * caller's purposes. Paths use response keys
 * (aliases), e.g. `eligibility.coverage`, each once, in document order;
 * below a refused field nothing is reported again.
 *
 * Each named fragment is read once, whatever the number of its spreads, and
 * a fragment spread inside itself is not followed: the walk stays linear in
 * the document's size even on an operation that failed validation (cyclic
 * or exponentially nested fragments).
 */
export function refusedPaths(
  schema: GraphQLSchema,
  document: DocumentNode,
  requirements: ScopeRequirements,
  purposes: ReadonlySet<string>,
): string[] {
  const fragments = fragmentsOf(document);
  const byFragment = new Map<string, readonly string[]>();
  const expanding = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, out: Set<string>, prefix: string): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !parent || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        const path = `${prefix}${(selection.alias ?? selection.name).value}`;
        const returned = getNamedType(field.type);
        // The type the field is read on counts too: reached through a fragment typed on it (`_entities`, a union),
        // its own `@scopes` were never checked by a field returning it.
        if (
          !allowed(requirements.fields.get(`${parent.name}.${name}`), purposes) ||
          !allowed(requirements.types.get(parent.name), purposes) ||
          !allowed(requirements.types.get(returned.name), purposes)
        ) {
          out.add(path);
        } else if (selection.selectionSet) {
          walk(selection.selectionSet, returned, out, `${path}.`);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        walk(selection.selectionSet, typed ?? undefined, out, prefix);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || expanding.has(name)) continue;
        let inner = byFragment.get(name);
        if (!inner) {
          expanding.add(name);
          const found = new Set<string>();
          walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, found, '');
          expanding.delete(name);
          inner = [...found];
          byFragment.set(name, inner);
        }
        for (const path of inner) out.add(`${prefix}${path}`);
      }
    }
  };
  const refused = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) walk(definition.selectionSet, rootTypeOf(schema, definition), refused, '');
  }
  return [...refused];
}
