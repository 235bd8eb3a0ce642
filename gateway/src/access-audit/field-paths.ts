import { Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { fragmentsOf } from '@cmb/kit';

/**
 * The schema path (field names, never a client's alias) of a response path
 * (`["p", 0, "docs"]` for `p: person(...) { docs: documents { ... } }` is
 * `person.documents`); null when the path does not lead through the
 * operation. List indexes are skipped; fragments are followed once each.
 */
export function schemaPathOf(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  path: readonly (string | number)[],
): string | null {
  const fragments = fragmentsOf(document);
  const fieldsAt = (sets: readonly SelectionSetNode[], key: string): FieldNode[] => {
    const found: FieldNode[] = [];
    const seen = new Set<string>();
    const walk = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if ((selection.alias ?? selection.name).value === key) found.push(selection);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
        else if (!seen.has(selection.name.value)) {
          seen.add(selection.name.value);
          const fragment = fragments.get(selection.name.value);
          if (fragment) walk(fragment.selectionSet);
        }
      }
    };
    for (const set of sets) walk(set);
    return found;
  };
  const names: string[] = [];
  let sets: SelectionSetNode[] = [operation.selectionSet];
  for (const segment of path) {
    if (typeof segment === 'number') continue;
    const fields = fieldsAt(sets, segment);
    if (fields.length === 0) return null;
    names.push(fields[0].name.value);
    sets = fields.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  return names.length > 0 ? names.join('.') : null;
}

/** A personal-data field of an operation: where it sits in the answer (the client's keys, dot-separated) and its schema path. */
export interface PersonalField {
  response: string;
  schema: string;
}

/** A refusal as the audit reads it: its response path and its schema path; both null when the whole operation was refused. */
export interface FieldRefusal {
  path: readonly (string | number)[] | null;
  schemaPath: string | null;
}

/** What an event says of the fields: those served, and those refused apart. */
export interface FieldOutcome {
  served: string[];
  refused: string[];
  /** Some personal-data field was served with nothing refused within it: the operation was not refused as a whole. */
  servedWhole: boolean;
}

/** True when `path` is `outer` or lies under it. */
const within = (path: string, outer: string) => path === outer || path.startsWith(`${outer}.`);

/**
 * Splits an operation's personal-data fields into served and refused, by
 * where each sits in the answer: two aliases of one field are two fields, so
 * a refusal under one never hides what the other served. A refusal without a
 * path (the gateway refused the operation before anything ran) refuses them
 * all; a refusal at a path (a subgraph refused one field) refuses that field
 * and what is under it, and the other fields stay served; one under a list
 * index refuses an item, so the field stays served for the others.
 */
export function servedAndRefused(fields: readonly PersonalField[], refusals: readonly FieldRefusal[]): FieldOutcome {
  const unique = (values: readonly string[]) => [...new Set(values)];
  const at: { keys: string; item: boolean }[] = [];
  for (const refusal of refusals) {
    if (refusal.path === null || refusal.schemaPath === null) {
      return { served: [], refused: unique(fields.map((field) => field.schema)), servedWhole: false };
    }
    at.push({ keys: refusal.path.filter((s) => typeof s === 'string').join('.'), item: refusal.path.some((s) => typeof s === 'number') });
  }
  const whole = at.filter((refusal) => !refusal.item);
  const served = fields.filter((field) => !whole.some((refusal) => within(field.response, refusal.keys)));
  return {
    served: unique(served.map((field) => field.schema)),
    refused: unique(refusals.map((refusal) => refusal.schemaPath as string)),
    servedWhole: served.some((field) => !whole.some((refusal) => within(refusal.keys, field.response))),
  };
}
