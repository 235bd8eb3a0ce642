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

/** What an event says of the fields: those served, and those refused apart. */
export interface FieldOutcome {
  served: string[];
  refused: string[];
}

/**
 * Splits an operation's personal-data paths into served and refused. A
 * refusal without a path (the gateway refused the operation before anything
 * ran) refuses them all; a refusal at a path (a subgraph refused one field)
 * refuses that field and what is under it, and the other fields stay served.
 */
export function servedAndRefused(paths: readonly string[], refusals: readonly { schemaPath: string | null }[]): FieldOutcome {
  if (refusals.some((r) => r.schemaPath === null)) return { served: [], refused: [...paths] };
  const refused = [...new Set(refusals.map((r) => r.schemaPath as string))];
  const covered = (path: string) => refused.some((r) => path === r || path.startsWith(`${r}.`));
  return { served: paths.filter((path) => !covered(path)), refused };
}
