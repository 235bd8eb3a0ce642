import { Kind, parse } from 'graphql';

/**
 * Coordinates (`Type.field`) the supergraph marks `@inaccessible`: federation
 * plumbing that clients never see, so no error path may name them.
 */
export function inaccessibleFields(supergraphSdl: string): Set<string> {
  const hidden = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      if (field.directives?.some((d) => d.name.value === 'inaccessible')) hidden.add(`${definition.name.value}.${field.name.value}`);
    }
  }
  return hidden;
}
