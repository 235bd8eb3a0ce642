import { directiveArgument, directiveNamed, fieldSetNames, rootTypeNames, stringArgument } from '@cmb/composition';
import {
  isTypeDefinitionNode,
  isTypeExtensionNode,
  Kind,
  parse,
  print,
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
}

/** The types of one subgraph SDL, and its root type names. */
export interface SdlModel {
  types: Map<string, DeclaredType>;
  roots: Set<string>;
}

function fieldOf(node: FieldDefinitionNode | InputValueDefinitionNode): DeclaredField {
  const scopes = directiveNamed(node.directives, 'scopes');
  const anyOf = directiveArgument(scopes, 'anyOf');
  return {
    name: node.name.value,
    type: print(node.type),
    external: directiveNamed(node.directives, 'external') !== undefined,
    requires: fieldSetNames(stringArgument(directiveNamed(node.directives, 'requires'), 'fields')),
    provides: fieldSetNames(stringArgument(directiveNamed(node.directives, 'provides'), 'fields')),
    scopes: scopes ? (anyOf?.kind === Kind.LIST ? anyOf.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : []) : null,
    public: directiveNamed(node.directives, 'public') !== undefined,
    overrides: stringArgument(directiveNamed(node.directives, 'override'), 'from'),
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
    };
    const directives = definition.directives ?? [];
    for (const key of directives.filter((d) => d.name.value === 'key')) type.keys.push(fieldSetNames(stringArgument(key, 'fields')));
    type.typeScopes ||= directiveNamed(directives, 'scopes') !== undefined;
    type.typePublic ||= directiveNamed(directives, 'public') !== undefined;
    if ('fields' in definition) {
      for (const field of definition.fields ?? []) type.fields.set(field.name.value, fieldOf(field));
    }
    if ('values' in definition) for (const value of definition.values ?? []) type.values.push(value.name.value);
    if ('types' in definition) for (const member of definition.types ?? []) type.values.push(member.name.value);
    types.set(name, type);
  }
  return { types, roots: rootTypeNames(definitions) };
}

/** The top-level fields of every `@key` of a type. */
export function keyFieldsOf(type: DeclaredType): Set<string> {
  return new Set(type.keys.flat());
}
