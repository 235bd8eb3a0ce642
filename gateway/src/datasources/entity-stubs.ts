import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';

/** Response keys selected per type name in an `_entities` fetch. */
export type EntitySelections = Map<string, string[]>;

const cache = new Map<string, EntitySelections | null>();
const CACHE_LIMIT = 1_000;

function keysOf(selectionSet: SelectionSetNode): string[] {
  return selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [(selection.alias ?? selection.name).value] : []));
}

/** Reads which fields an `_entities` query asks of each type; null when the query is not an entity fetch. */
function entitySelections(document: DocumentNode): EntitySelections | null {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const entities = definition.selectionSet.selections.find(
      (selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities',
    );
    if (!entities || entities.kind !== Kind.FIELD || !entities.selectionSet) return null;
    const selections: EntitySelections = new Map();
    for (const selection of entities.selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT && selection.typeCondition) {
        const typeName = selection.typeCondition.name.value;
        selections.set(typeName, [...(selections.get(typeName) ?? []), ...keysOf(selection.selectionSet)]);
      }
    }
    return selections;
  }
  return null;
}

/** The entity selections of a subgraph query, parsed once per distinct query text (bounded cache). */
export function selectionsOf(query: string): EntitySelections | null {
  if (cache.has(query)) return cache.get(query) ?? null;
  const selections = entitySelections(parse(query));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(query, selections);
  return selections;
}

/**
 * Stub entities for a failed entity fetch: every asked field explicitly null,
 * so the gateway keeps the entity, later hops still run, and the rule reads
 * the missing facts as "not checked".
 */
export function nullEntities(
  selections: EntitySelections,
  representations: readonly { __typename?: unknown }[],
): Record<string, unknown>[] {
  return representations.map((representation) => {
    const typeName = String(representation.__typename);
    const stub: Record<string, unknown> = { __typename: typeName };
    for (const key of selections.get(typeName) ?? []) if (key !== '__typename') stub[key] = null;
    return stub;
  });
}
