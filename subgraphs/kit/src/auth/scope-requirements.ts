import { Kind, parse, type ConstDirectiveNode } from 'graphql';

/** Purposes required to read each field and each type: any one of the listed purposes suffices. */
export interface ScopeRequirements {
  /** `Type.field` → purposes. */
  fields: Map<string, readonly string[]>;
  /** Type name → purposes, applying to every field that returns it. */
  types: Map<string, readonly string[]>;
}

function anyOf(directives: readonly ConstDirectiveNode[] | undefined): string[] | null {
  const directive = directives?.find((d) => d.name.value === 'scopes');
  const argument = directive?.arguments?.find((a) => a.name.value === 'anyOf');
  if (!argument || argument.value.kind !== Kind.LIST) return null;
  return argument.value.values.flatMap((value) => (value.kind === Kind.STRING ? [value.value] : []));
}

/**
 * Reads the `@scopes` annotations of a schema's SDL (a subgraph's or the
 * composed supergraph's): the one map both the gateway and the subgraphs
 * enforce.
 */
export function scopeRequirementsFromSdl(sdl: string): ScopeRequirements {
  const requirements: ScopeRequirements = { fields: new Map(), types: new Map() };
  for (const definition of parse(sdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    const typeName = definition.name.value;
    const typeScopes = anyOf(definition.directives);
    if (typeScopes) requirements.types.set(typeName, [...(requirements.types.get(typeName) ?? []), ...typeScopes]);
    for (const field of definition.fields ?? []) {
      const fieldScopes = anyOf(field.directives);
      if (fieldScopes) requirements.fields.set(`${typeName}.${field.name.value}`, fieldScopes);
    }
  }
  return requirements;
}
