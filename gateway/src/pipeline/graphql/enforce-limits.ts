import { refusal } from '@cmb/kit';
import {
  getNamedType,
  isListType,
  isNonNullType,
  Kind,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLStep } from '../steps';

/** Bounds on an operation's shape, from configuration. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  /** Fields counted over the whole operation, each list field multiplying its subtree. */
  maxCost: number;
  /** Assumed size of a list when the operation gives no `first`. */
  listFactor: number;
}

/** What an operation costs, measured once per parsed document. */
export interface OperationShape {
  depth: number;
  aliases: number;
  cost: number;
}

function firstArgument(arguments_: readonly ArgumentNode[] | undefined): number | null {
  const first = arguments_?.find((a) => a.name.value === 'first');
  return first?.value.kind === Kind.INT ? Number(first.value.value) : null;
}

/** True when a field's type is a list, through non-null wrappers. */
function returnsList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * Measures depth, aliases and a cost: one per field; a list field
 * multiplies its subtree by its `first` argument, else by `listFactor`. On a
 * connection (a `first` on a field that is not a list), `first` sizes the
 * lists directly inside it (`edges`, `nodes`) instead, counted once.
 * Fragments are followed at each spread (validation forbids cycles).
 */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, listFactor: number): OperationShape {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  let aliases = 0;
  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    depth: number,
    pageSize: number | null = null,
  ): { depth: number; cost: number } => {
    let deepest = depth;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        const field = parent && 'getFields' in parent ? (parent as GraphQLObjectType).getFields()[selection.name.value] : undefined;
        if (!selection.selectionSet) {
          cost += 1;
          continue;
        }
        const first = firstArgument(selection.arguments);
        const list = Boolean(field && returnsList(field.type));
        const inner = walk(selection.selectionSet, field ? getNamedType(field.type) : undefined, depth + 1, list ? null : first);
        const multiplier = list ? (first ?? pageSize ?? listFactor) : 1;
        cost += 1 + multiplier * inner.cost;
        deepest = Math.max(deepest, inner.depth);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue;
        const typed = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        const inner = walk(fragment.selectionSet, typed ?? parent, depth, pageSize);
        cost += inner.cost;
        deepest = Math.max(deepest, inner.depth);
      }
    }
    return { depth: deepest, cost };
  };
  let depth = 0;
  let cost = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root =
      definition.operation === 'mutation'
        ? schema.getMutationType()
        : definition.operation === 'subscription'
          ? schema.getSubscriptionType()
          : schema.getQueryType();
    const shape = walk(definition.selectionSet, root ?? undefined, 1);
    depth = Math.max(depth, shape.depth);
    cost += shape.cost;
  }
  return { depth, aliases, cost };
}

/** The first limit an operation exceeds, or null. */
export function exceededLimit(shape: OperationShape, limits: QueryLimits): string | null {
  if (shape.depth > limits.maxDepth) return `depth ${shape.depth} > ${limits.maxDepth}`;
  if (shape.aliases > limits.maxAliases) return `aliases ${shape.aliases} > ${limits.maxAliases}`;
  if (shape.cost > limits.maxCost) return `cost ${shape.cost} > ${limits.maxCost}`;
  return null;
}

/**
 * Refuses operations too deep, too aliased or too costly with
 * `QUERY_TOO_COMPLEX` (400), before any subgraph is called. Verdicts are
 * cached per parsed document.
 */
export function enforceLimits(limits: QueryLimits): GraphQLStep {
  const verdicts = new WeakMap<DocumentNode, string | null>();
  return {
    didResolveOperation({ document, schema, contextValue }) {
      let exceeded = verdicts.get(document);
      if (exceeded === undefined) {
        exceeded = exceededLimit(measureOperation(schema, document, limits.listFactor), limits);
        verdicts.set(document, exceeded);
      }
      if (exceeded !== null) throw refusal('QUERY_TOO_COMPLEX', { limit: exceeded }, { language: contextValue.language });
    },
  };
}
