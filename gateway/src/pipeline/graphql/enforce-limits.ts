import { fragmentsOf, refusal, rootTypeOf } from '@cmb/kit';
import {
  getNamedType,
  isListType,
  isNonNullType,
  Kind,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
  visit,
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
  /** The largest page any subgraph serves: a `first` outside 1..maxPageSize is refused before the operation is costed. */
  maxPageSize: number;
}

/** What an operation costs, measured once per parsed document. */
export interface OperationShape {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * The page size a field is asked for (`first`): a literal, or the request's
 * coerced variable; where the operation leaves it to the schema (absent,
 * `null`, a variable without a value) the size the subgraph then serves,
 * the argument's default (at least `listFactor`); null when the field
 * declares no default either.
 */
function pageSizeAsked(
  arguments_: readonly ArgumentNode[] | undefined,
  field: GraphQLField<unknown, unknown> | undefined,
  variables: Readonly<Record<string, unknown>>,
  listFactor: number,
): number | null {
  const first = arguments_?.find((a) => a.name.value === 'first')?.value;
  if (first?.kind === Kind.INT) return Number(first.value);
  if (first?.kind === Kind.VARIABLE && typeof variables[first.name.value] === 'number') return variables[first.name.value] as number;
  const byDefault = field?.args.find((a) => a.name === 'first')?.defaultValue;
  return typeof byDefault === 'number' ? Math.max(byDefault, listFactor) : null;
}

/** The page sizes a document asks, as written: `first` literals, and the variables passed as `first`. */
interface PageArguments {
  literals: number[];
  variables: string[];
}

/** Read once per parsed document (Apollo reuses them), so the hot path does not walk the document again for its pages. */
const pageArgumentsByDocument = new WeakMap<DocumentNode, PageArguments>();

function pageArgumentsOf(document: DocumentNode): PageArguments {
  let found = pageArgumentsByDocument.get(document);
  if (!found) {
    const pages: PageArguments = { literals: [], variables: [] };
    visit(document, {
      Argument(node) {
        if (node.name.value !== 'first') return;
        if (node.value.kind === Kind.INT) pages.literals.push(Number(node.value.value));
        else if (node.value.kind === Kind.VARIABLE) pages.variables.push(node.value.name.value);
      },
    });
    pageArgumentsByDocument.set(document, pages);
    found = pages;
  }
  return found;
}

/** The first page size outside 1..max an operation asks (literal or coerced variable), or null. */
export function outOfBoundsPage(document: DocumentNode, variables: Readonly<Record<string, unknown>>, max: number): number | null {
  const pages = pageArgumentsOf(document);
  const asked = [
    ...pages.literals,
    ...pages.variables.map((name) => variables[name]).filter((value): value is number => typeof value === 'number'),
  ];
  return asked.find((first) => first < 1 || first > max) ?? null;
}

/** True when the document passes some `first` as a variable: its shape then depends on the request, not only on its text. */
export function sizedByVariables(document: DocumentNode): boolean {
  return pageArgumentsOf(document).variables.length > 0;
}

/** True when a field's type is a list, through non-null wrappers. */
function returnsList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** The shape of one selection set: levels of nested selections below it, fields it costs, aliases it holds. */
interface Measure {
  levels: number;
  cost: number;
  aliases: number;
}

/**
 * Measures depth, aliases and a cost: one per field; a list field
 * multiplies its subtree by its `first` argument (a literal, or the
 * request's coerced variable; left to the schema, its default), else by
 * `listFactor`. On a connection (a
 * `first` on a field that is not a list), `first` sizes the lists directly
 * inside it (`edges`, `nodes`) instead, counted once. Each named fragment is
 * measured once per page size and counted at each spread, and a fragment
 * spread inside itself is not followed, so measuring stays linear in the
 * document's size whatever its fragments do.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  listFactor: number,
  variables: Readonly<Record<string, unknown>> = {},
): OperationShape {
  const fragments = fragmentsOf(document);
  const byFragment = new Map<string, Measure>();
  const expanding = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, pageSize: number | null): Measure => {
    const measure: Measure = { levels: 0, cost: 0, aliases: 0 };
    const add = (inner: Measure, levels: number, multiplier: number) => {
      measure.levels = Math.max(measure.levels, levels);
      measure.cost += multiplier * inner.cost;
      measure.aliases += inner.aliases;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) measure.aliases += 1;
        const field = parent && 'getFields' in parent ? (parent as GraphQLObjectType).getFields()[selection.name.value] : undefined;
        measure.cost += 1;
        if (!selection.selectionSet) continue;
        const first = pageSizeAsked(selection.arguments, field, variables, listFactor);
        const list = Boolean(field && returnsList(field.type));
        const inner = walk(selection.selectionSet, field ? getNamedType(field.type) : undefined, list ? null : first);
        // A page of zero still costs its subtree once: work is done to plan it, whatever the page.
        add(inner, inner.levels + 1, list ? Math.max(1, first ?? pageSize ?? listFactor) : 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        const inner = walk(selection.selectionSet, typed ?? parent, pageSize);
        add(inner, inner.levels, 1);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || expanding.has(name)) continue;
        const key = `${name}|${pageSize ?? ''}`;
        let inner = byFragment.get(key);
        if (!inner) {
          expanding.add(name);
          inner = walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? parent, pageSize);
          expanding.delete(name);
          byFragment.set(key, inner);
        }
        add(inner, inner.levels, 1);
      }
    }
    return measure;
  };
  let depth = 0;
  let cost = 0;
  let aliases = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const shape = walk(definition.selectionSet, rootTypeOf(schema, definition), null);
    depth = Math.max(depth, shape.levels + 1);
    cost += shape.cost;
    aliases += shape.aliases;
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
 * Refuses a page size outside 1..`maxPageSize` (`BAD_USER_INPUT`), then
 * operations too deep, too aliased or too costly with `QUERY_TOO_COMPLEX`
 * (400), before any subgraph is called. Verdicts are cached per parsed
 * document whose shape does not depend on its variables.
 */
export function enforceLimits(limits: QueryLimits): GraphQLStep {
  // Only the verdicts of documents whose shape does not depend on the request's variables are kept.
  const verdicts = new WeakMap<DocumentNode, string | null>();
  return {
    didResolveOperation({ document, schema, contextValue }) {
      const variables = contextValue.variables ?? {};
      if (outOfBoundsPage(document, variables, limits.maxPageSize) !== null) {
        throw refusal(
          'INVALID_VALUE',
          { field: 'first', expected: `a whole number from 1 to ${limits.maxPageSize}` },
          { language: contextValue.language },
        );
      }
      let exceeded = verdicts.get(document);
      if (exceeded === undefined) {
        exceeded = exceededLimit(measureOperation(schema, document, limits.listFactor, variables), limits);
        if (!sizedByVariables(document)) verdicts.set(document, exceeded);
      }
      if (exceeded !== null) throw refusal('QUERY_TOO_COMPLEX', { limit: exceeded }, { language: contextValue.language });
    },
  };
}
