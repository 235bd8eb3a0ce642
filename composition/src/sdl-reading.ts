import { Kind, parse, type ConstDirectiveNode, type ConstValueNode, type DefinitionNode } from 'graphql';

/** The first directive of that name among a node's directives, if any. */
export function directiveNamed(directives: readonly ConstDirectiveNode[] | undefined, name: string): ConstDirectiveNode | undefined {
  return directives?.find((d) => d.name.value === name);
}

/** The value a directive gives an argument, if any. */
export function directiveArgument(node: ConstDirectiveNode | undefined, name: string): ConstValueNode | undefined {
  return node?.arguments?.find((a) => a.name.value === name)?.value;
}

/** The string a directive gives an argument; null when absent or not a string. */
export function stringArgument(node: ConstDirectiveNode | undefined, name: string): string | null {
  const value = directiveArgument(node, name);
  return value?.kind === Kind.STRING ? value.value : null;
}

/** Top-level field names of a field set (`"ref readerProof { id }"` → ref, readerProof); none when it does not parse. */
export function fieldSetNames(fields: string | null): string[] {
  if (!fields) return [];
  try {
    const operation = parse(`{ ${fields} }`).definitions[0];
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
    return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
  } catch {
    return [];
  }
}

/** The root type names of a subgraph SDL: `Query`, `Mutation`, `Subscription`, or those its `schema` definition or extension names. */
export function rootTypeNames(definitions: readonly DefinitionNode[]): Set<string> {
  return new Set(rootTypesByOperation(definitions).values());
}

/** The query root's name (`Query` unless a schema definition names another). */
export function queryRootName(definitions: readonly DefinitionNode[]): string {
  return rootTypesByOperation(definitions).get('query') ?? 'Query';
}

/** The root type of each operation, by operation (`query`, `mutation`, `subscription`). */
function rootTypesByOperation(definitions: readonly DefinitionNode[]): Map<string, string> {
  const roots = new Map<string, string>([
    ['query', 'Query'],
    ['mutation', 'Mutation'],
    ['subscription', 'Subscription'],
  ]);
  for (const definition of definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const operation of definition.operationTypes ?? []) roots.set(operation.operation, operation.type.name.value);
  }
  return roots;
}
