import { getNamedType, Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type FieldNode, type GraphQLSchema } from 'graphql';
import type { ScopeRequirements } from './scope-requirements';

function allowed(required: readonly string[] | undefined, purposes: ReadonlySet<string>): boolean {
  return !required || required.some((purpose) => purposes.has(purpose));
}

/** Replaces named fragment spreads by inline fragments, so paths follow the response shape. */
function inlineFragments(document: DocumentNode): DocumentNode {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  if (fragments.size === 0) return document;
  const inlined = visit(document, {
    FragmentSpread(node) {
      const fragment = fragments.get(node.name.value);
      return fragment
        ? {
            kind: Kind.INLINE_FRAGMENT,
            typeCondition: fragment.typeCondition,
            directives: node.directives,
            selectionSet: fragment.selectionSet,
          }
        : node;
    },
  });
  return { ...inlined, definitions: inlined.definitions.filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION) };
}

/**
 * The response paths of an operation that the caller's purposes do not
 * allow: a field is refused when its own `@scopes`, or those of the type it
 * returns, list none of the caller's purposes. Paths use response keys
 * (aliases), e.g. `eligibility.coverage`; below a refused field nothing is
 * reported again.
 */
export function refusedPaths(
  schema: GraphQLSchema,
  document: DocumentNode,
  requirements: ScopeRequirements,
  purposes: ReadonlySet<string>,
): string[] {
  const typeInfo = new TypeInfo(schema);
  const refused: string[] = [];
  const path: string[] = [];
  visit(
    inlineFragments(document),
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node: FieldNode) {
          path.push((node.alias ?? node.name).value);
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!parent || !field || node.name.value.startsWith('__')) return undefined;
          const returned = getNamedType(field.type).name;
          if (
            !allowed(requirements.fields.get(`${parent.name}.${field.name}`), purposes) ||
            !allowed(requirements.types.get(returned), purposes)
          ) {
            refused.push(path.join('.'));
            path.pop();
            return false;
          }
          return undefined;
        },
        leave() {
          path.pop();
        },
      },
    }),
  );
  return refused;
}
