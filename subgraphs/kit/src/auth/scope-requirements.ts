import { Kind, parse, type ConstDirectiveNode } from 'graphql';

/** Purposes required to read each field and each type: any one of the listed purposes suffices. */
export interface ScopeRequirements {
  /** `Type.field` → purposes. */
  fields: Map<string, readonly string[]>;
  /** Type name → purposes, applying to every field that returns it. */
  types: Map<string, readonly string[]>;
  /**
   * Sensitivity classes the `@scopes` name (`sensitivity:`), by `Type.field`
   * and by type name; informative only (enforcement reads the purposes).
   * Absent from requirements built by hand.
   */
  sensitivity?: {
    fields: Map<string, string>;
    types: Map<string, string>;
  };
}

function scopesOf(directives: readonly ConstDirectiveNode[] | undefined): ConstDirectiveNode | undefined {
  return directives?.find((d) => d.name.value === 'scopes');
}

function anyOf(directive: ConstDirectiveNode | undefined): string[] | null {
  const argument = directive?.arguments?.find((a) => a.name.value === 'anyOf');
  if (!argument || argument.value.kind !== Kind.LIST) return null;
  return argument.value.values.flatMap((value) => (value.kind === Kind.STRING ? [value.value] : []));
}

function sensitivityOf(directive: ConstDirectiveNode | undefined): string | null {
  const argument = directive?.arguments?.find((a) => a.name.value === 'sensitivity');
  return argument?.value.kind === Kind.ENUM ? argument.value.value : null;
}

/**
 * Reads the `@scopes` annotations of a schema's SDL (a subgraph's or the
 * composed supergraph's): the one map both the gateway and the subgraphs
 * enforce, with the sensitivity classes they name.
 */
export function scopeRequirementsFromSdl(sdl: string): ScopeRequirements {
  const requirements: ScopeRequirements = { fields: new Map(), types: new Map(), sensitivity: { fields: new Map(), types: new Map() } };
  const sensitivity = requirements.sensitivity as NonNullable<ScopeRequirements['sensitivity']>;
  for (const definition of parse(sdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    const typeName = definition.name.value;
    const typeDirective = scopesOf(definition.directives);
    const typeScopes = anyOf(typeDirective);
    if (typeScopes) requirements.types.set(typeName, [...(requirements.types.get(typeName) ?? []), ...typeScopes]);
    const typeClass = sensitivityOf(typeDirective);
    if (typeClass) sensitivity.types.set(typeName, typeClass);
    for (const field of definition.fields ?? []) {
      const fieldDirective = scopesOf(field.directives);
      const fieldScopes = anyOf(fieldDirective);
      if (fieldScopes) requirements.fields.set(`${typeName}.${field.name.value}`, fieldScopes);
      const fieldClass = sensitivityOf(fieldDirective);
      if (fieldClass) sensitivity.fields.set(`${typeName}.${field.name.value}`, fieldClass);
    }
  }
  return requirements;
}
