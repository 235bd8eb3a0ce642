import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** The part of a resolver's `info` that says what its operation will run. */
export interface RootOperation {
  operation: OperationDefinitionNode;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  variableValues: Readonly<Record<string, unknown>>;
  /** The root type's name (`Query`): an inline fragment or a fragment on another type does not apply there. */
  rootTypeName: string;
}

/** False when `@skip(if: true)` or `@include(if: false)` leaves the selection out, as execution does. */
function runs(selection: SelectionNode, variables: Readonly<Record<string, unknown>>): boolean {
  const values = { ...variables };
  if (getDirectiveValues(GraphQLSkipDirective, selection, values)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, selection, values)?.if !== false;
}

/**
 * How many times an operation will run a root field: the response keys
 * (aliases) under which it appears at the root, through named and inline
 * fragments, left out when skipped. The same field asked twice under one key
 * is merged by GraphQL and runs once, so it counts once.
 */
export function rootFieldCount(root: RootOperation, fieldName: string): number {
  const keys = new Set<string>();
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (!runs(selection, root.variableValues)) continue;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === fieldName) keys.add(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition?.name.value;
        if (!type || type === root.rootTypeName) collect(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = root.fragments[name];
        // A fragment is collected once per operation, as execution does (a cycle is refused by validation anyway).
        if (!fragment || visited.has(name) || fragment.typeCondition.name.value !== root.rootTypeName) continue;
        visited.add(name);
        collect(fragment.selectionSet);
      }
    }
  };
  collect(root.operation.selectionSet);
  return keys.size;
}
