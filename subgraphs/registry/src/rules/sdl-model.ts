import { directiveArgument, directiveNamed, fieldSetNames, rootTypeNames, stringArgument } from '@cmb/composition';
import {
  isTypeDefinitionNode,
  isTypeExtensionNode,
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
} from 'graphql';

/** One field of a type as a subgraph declares it. */
export interface DeclaredField {
  name: string;
  /** The field's type as written (`[String!]!`). */
  type: string;
  external: boolean;
  /** The top-level fields its `@requires` or `@provides` names. */
  requires: string[];
  provides: string[];
  /** The purposes of its own `@scopes`, null without one. */
  scopes: string[] | null;
  public: boolean;
  /** `@override(from:)` of the field, when it takes it over. */
  overrides: string | null;
  /** Whether it carries `@inaccessible` (hidden from the whole API, whoever else declares it). */
  inaccessible: boolean;
}

/** One type as a subgraph declares it (definitions and extensions merged). */
export interface DeclaredType {
  name: string;
  kind: 'object' | 'interface' | 'input' | 'enum' | 'scalar' | 'union';
  fields: Map<string, DeclaredField>;
  /** Top-level field names of each `@key`, one set per key. */
  keys: string[][];
  /** Values of an enum, members of a union. */
  values: string[];
  /** Whether the type itself carries `@scopes` or `@public`. */
  typeScopes: boolean;
  typePublic: boolean;
  /** Whether the type itself carries `@inaccessible`, and the enum values that do. */
  typeInaccessible: boolean;
  inaccessibleValues: string[];
}

/** The types of one subgraph SDL, and its root type names. */
export interface SdlModel {
  types: Map<string, DeclaredType>;
  roots: Set<string>;
}

/** The federation spec's URL prefix: its `@link` says under which names the subgraph writes its directives. */
const FEDERATION_SPEC = /^https:\/\/specs\.apollo\.dev\/federation\/v/;

/** Finds a directive by the federation name it stands for, whatever name the subgraph gave it. */
type DirectiveFinder = (directives: readonly ConstDirectiveNode[] | undefined, name: string) => ConstDirectiveNode | undefined;

/**
 * How this SDL names the federation directives: as imported (`@key`), renamed
 * on import (`{ name: "@inaccessible", as: "@hidden" }`) or namespaced
 * (`@federation__inaccessible`, or the link's own `as`). The checks read a
 * directive by its federation name, so no renaming hides one from them.
 */
function federationNames(definitions: readonly DefinitionNode[]): DirectiveFinder {
  const canonical = new Map<string, string>();
  let namespace = 'federation';
  // The federation spec's link, whatever the link directive itself is called here.
  const links = definitions.flatMap((d) =>
    d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION
      ? (d.directives ?? []).filter((x) => FEDERATION_SPEC.test(stringArgument(x, 'url') ?? ''))
      : [],
  );
  for (const link of links) {
    namespace = stringArgument(link, 'as') ?? namespace;
    const imports = directiveArgument(link, 'import');
    for (const entry of imports?.kind === Kind.LIST ? imports.values : []) {
      if (entry.kind === Kind.STRING) canonical.set(entry.value.replace(/^@/, ''), entry.value.replace(/^@/, ''));
      if (entry.kind !== Kind.OBJECT) continue;
      const text = (field: string) => {
        const value = entry.fields.find((f) => f.name.value === field)?.value;
        return value?.kind === Kind.STRING ? value.value.replace(/^@/, '') : null;
      };
      const name = text('name');
      if (name) canonical.set(text('as') ?? name, name);
    }
  }
  const prefix = `${namespace}__`;
  const federationName = (local: string) => canonical.get(local) ?? (local.startsWith(prefix) ? local.slice(prefix.length) : local);
  return (directives, name) => directives?.find((d) => federationName(d.name.value) === name) ?? directiveNamed(directives, name);
}

function fieldOf(node: FieldDefinitionNode | InputValueDefinitionNode, named: DirectiveFinder): DeclaredField {
  const scopes = directiveNamed(node.directives, 'scopes');
  const anyOf = directiveArgument(scopes, 'anyOf');
  return {
    name: node.name.value,
    type: print(node.type),
    external: named(node.directives, 'external') !== undefined,
    requires: fieldSetNames(stringArgument(named(node.directives, 'requires'), 'fields')),
    provides: fieldSetNames(stringArgument(named(node.directives, 'provides'), 'fields')),
    scopes: scopes ? (anyOf?.kind === Kind.LIST ? anyOf.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : []) : null,
    public: directiveNamed(node.directives, 'public') !== undefined,
    overrides: stringArgument(named(node.directives, 'override'), 'from'),
    inaccessible: named(node.directives, 'inaccessible') !== undefined,
  };
}

const KINDS: Partial<Record<Kind, DeclaredType['kind']>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'object',
  [Kind.OBJECT_TYPE_EXTENSION]: 'object',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'interface',
  [Kind.INTERFACE_TYPE_EXTENSION]: 'interface',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'input',
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'input',
  [Kind.ENUM_TYPE_DEFINITION]: 'enum',
  [Kind.ENUM_TYPE_EXTENSION]: 'enum',
  [Kind.SCALAR_TYPE_DEFINITION]: 'scalar',
  [Kind.SCALAR_TYPE_EXTENSION]: 'scalar',
  [Kind.UNION_TYPE_DEFINITION]: 'union',
  [Kind.UNION_TYPE_EXTENSION]: 'union',
};

/** Reads a subgraph SDL into its declared types (throws a GraphQL syntax error when it does not parse). */
export function sdlModelOf(sdl: string): SdlModel {
  const types = new Map<string, DeclaredType>();
  const definitions: readonly DefinitionNode[] = parse(sdl).definitions;
  const named = federationNames(definitions);
  for (const definition of definitions) {
    if (!isTypeDefinitionNode(definition) && !isTypeExtensionNode(definition)) continue;
    const kind = KINDS[definition.kind];
    if (!kind) continue;
    const name = definition.name.value;
    const type: DeclaredType = types.get(name) ?? {
      name,
      kind,
      fields: new Map(),
      keys: [],
      values: [],
      typeScopes: false,
      typePublic: false,
      typeInaccessible: false,
      inaccessibleValues: [],
    };
    const directives = definition.directives ?? [];
    for (const key of directives.filter((d) => named([d], 'key'))) type.keys.push(fieldSetNames(stringArgument(key, 'fields')));
    type.typeScopes ||= directiveNamed(directives, 'scopes') !== undefined;
    type.typePublic ||= directiveNamed(directives, 'public') !== undefined;
    type.typeInaccessible ||= named(directives, 'inaccessible') !== undefined;
    if ('fields' in definition) {
      for (const field of definition.fields ?? []) type.fields.set(field.name.value, fieldOf(field, named));
    }
    if ('values' in definition) {
      for (const value of definition.values ?? []) {
        type.values.push(value.name.value);
        if (named(value.directives, 'inaccessible')) type.inaccessibleValues.push(value.name.value);
      }
    }
    if ('types' in definition) for (const member of definition.types ?? []) type.values.push(member.name.value);
    types.set(name, type);
  }
  return { types, roots: rootTypeNames(definitions) };
}

/** The top-level fields of every `@key` of a type. */
export function keyFieldsOf(type: DeclaredType): Set<string> {
  return new Set(type.keys.flat());
}
