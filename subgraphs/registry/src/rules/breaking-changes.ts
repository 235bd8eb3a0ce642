import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNamedType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

/** The kinds of change that break a client of the client-facing schema. */
export type BreakingChangeKind =
  | 'TYPE_REMOVED'
  | 'TYPE_KIND_CHANGED'
  | 'FIELD_REMOVED'
  | 'FIELD_TYPE_CHANGED'
  | 'NULLABILITY_RELAXED'
  | 'ARGUMENT_REMOVED'
  | 'ARGUMENT_TYPE_CHANGED'
  | 'NULLABILITY_TIGHTENED'
  | 'REQUIRED_ARGUMENT_ADDED'
  | 'INPUT_FIELD_REMOVED'
  | 'REQUIRED_INPUT_FIELD_ADDED'
  | 'ENUM_VALUE_REMOVED'
  | 'UNION_MEMBER_REMOVED'
  | 'INTERFACE_REMOVED';

/**
 * One breaking change: the type and field it concerns, what changed, and
 * the coordinates (`Type.field`) whose traffic makes it matter: a change
 * none of them was used for over the usage window breaks no client.
 */
export interface BreakingChange {
  kind: BreakingChangeKind;
  type: string;
  field: string | null;
  message: string;
  usedThrough: string[];
}

const named = (type: GraphQLType) => getNamedType(type).name;
const stripped = (type: GraphQLType): string => String(type).replace(/!/g, '');

/** An output type change a client reading the old type survives (graphql-js's rule): adding `!` is safe, removing it is not. */
function safeOutputChange(before: GraphQLOutputType, after: GraphQLOutputType): boolean {
  if (isListType(before)) {
    return (
      (isListType(after) && safeOutputChange(before.ofType, after.ofType)) ||
      (isNonNullType(after) && safeOutputChange(before, after.ofType))
    );
  }
  if (isNonNullType(before)) return isNonNullType(after) && safeOutputChange(before.ofType, after.ofType);
  return (isNamedType(after) && before.name === after.name) || (isNonNullType(after) && safeOutputChange(before, after.ofType));
}

/** An input type change a client sending the old type survives: removing `!` is safe, adding it is not. */
function safeInputChange(before: GraphQLInputType, after: GraphQLInputType): boolean {
  if (isListType(before)) return isListType(after) && safeInputChange(before.ofType, after.ofType);
  if (isNonNullType(before)) {
    return (
      (isNonNullType(after) && safeInputChange(before.ofType, after.ofType)) ||
      (!isNonNullType(after) && safeInputChange(before.ofType, after))
    );
  }
  return isNamedType(after) && before.name === after.name;
}

const required = (value: GraphQLArgument | GraphQLInputField) => isNonNullType(value.type) && value.defaultValue === undefined;

/** Every field (`Type.field`) of a schema whose result or arguments reach the named type, through input types too. */
function fieldsReaching(schema: GraphQLSchema, target: string): string[] {
  // Input types that contain the target, transitively.
  const containing = new Set([target]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(type) || containing.has(type.name)) continue;
      if (Object.values(type.getFields()).some((f) => containing.has(named(f.type)))) {
        containing.add(type.name);
        grew = true;
      }
    }
  }
  const coordinates: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      if (containing.has(named(field.type)) || field.args.some((a) => containing.has(named(a.type))))
        coordinates.push(`${type.name}.${field.name}`);
    }
  }
  return coordinates;
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input';
  return 'scalar';
}

function argumentChanges(
  typeName: string,
  before: GraphQLField<unknown, unknown>,
  after: GraphQLField<unknown, unknown>,
  add: (change: BreakingChange) => void,
): void {
  const coordinate = `${typeName}.${before.name}`;
  for (const argument of before.args) {
    const now = after.args.find((a) => a.name === argument.name);
    if (!now) {
      add({
        kind: 'ARGUMENT_REMOVED',
        type: typeName,
        field: before.name,
        message: `argument ${argument.name} removed`,
        usedThrough: [coordinate],
      });
    } else if (!safeInputChange(argument.type, now.type)) {
      const tightened = stripped(argument.type) === stripped(now.type);
      add({
        kind: tightened ? 'NULLABILITY_TIGHTENED' : 'ARGUMENT_TYPE_CHANGED',
        type: typeName,
        field: before.name,
        message: `argument ${argument.name} changed from ${String(argument.type)} to ${String(now.type)}`,
        usedThrough: [coordinate],
      });
    }
  }
  for (const argument of after.args) {
    if (!before.args.some((a) => a.name === argument.name) && required(argument)) {
      add({
        kind: 'REQUIRED_ARGUMENT_ADDED',
        type: typeName,
        field: before.name,
        message: `new required argument ${argument.name}: ${String(argument.type)} (give it a default or make it nullable)`,
        usedThrough: [coordinate],
      });
    }
  }
}

/**
 * The changes from one client-facing schema to the next that break a
 * client: a type or field removed, a type changed, an output made nullable, an
 * argument or input field made required or added as required, an argument
 * or input field removed, an enum value or union member removed, an
 * interface no longer implemented. Additions are never breaking. Pure.
 */
export function breakingChanges(before: GraphQLSchema, after: GraphQLSchema): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const add = (change: BreakingChange) => changes.push(change);
  for (const type of Object.values(before.getTypeMap())) {
    // Built-in scalars come and go with their use: what uses them is compared on its own.
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    const now = after.getType(type.name);
    if (!now) {
      add({
        kind: 'TYPE_REMOVED',
        type: type.name,
        field: null,
        message: `${kindOf(type)} type removed`,
        usedThrough: fieldsReaching(before, type.name),
      });
      continue;
    }
    if (kindOf(type) !== kindOf(now)) {
      add({
        kind: 'TYPE_KIND_CHANGED',
        type: type.name,
        field: null,
        message: `changed from ${kindOf(type)} to ${kindOf(now)}`,
        usedThrough: fieldsReaching(before, type.name),
      });
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(now) || isInterfaceType(now))) {
      const fields = now.getFields();
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        const next = fields[field.name];
        if (!next) {
          add({ kind: 'FIELD_REMOVED', type: type.name, field: field.name, message: 'field removed', usedThrough: [coordinate] });
          continue;
        }
        if (!safeOutputChange(field.type, next.type)) {
          add({
            kind: stripped(field.type) === stripped(next.type) ? 'NULLABILITY_RELAXED' : 'FIELD_TYPE_CHANGED',
            type: type.name,
            field: field.name,
            message: `type changed from ${String(field.type)} to ${String(next.type)}`,
            usedThrough: [coordinate],
          });
        }
        argumentChanges(type.name, field, next, add);
      }
      const interfaces = new Set(now.getInterfaces().map((i) => i.name));
      for (const implemented of type.getInterfaces()) {
        if (!interfaces.has(implemented.name)) {
          add({
            kind: 'INTERFACE_REMOVED',
            type: type.name,
            field: null,
            message: `no longer implements ${implemented.name}`,
            usedThrough: fieldsReaching(before, implemented.name),
          });
        }
      }
    } else if (isInputObjectType(type) && isInputObjectType(now)) {
      const usedThrough = fieldsReaching(before, type.name);
      const fields = now.getFields();
      for (const field of Object.values(type.getFields())) {
        const next = fields[field.name];
        if (!next) add({ kind: 'INPUT_FIELD_REMOVED', type: type.name, field: field.name, message: 'input field removed', usedThrough });
        else if (!safeInputChange(field.type, next.type)) {
          add({
            kind: stripped(field.type) === stripped(next.type) ? 'NULLABILITY_TIGHTENED' : 'ARGUMENT_TYPE_CHANGED',
            type: type.name,
            field: field.name,
            message: `input field changed from ${String(field.type)} to ${String(next.type)}`,
            usedThrough,
          });
        }
      }
      for (const field of Object.values(fields)) {
        if (!type.getFields()[field.name] && required(field)) {
          add({
            kind: 'REQUIRED_INPUT_FIELD_ADDED',
            type: type.name,
            field: field.name,
            message: `new required input field: ${String(field.type)} (give it a default or make it nullable)`,
            usedThrough,
          });
        }
      }
    } else if (isEnumType(type) && isEnumType(now)) {
      const values = new Set(now.getValues().map((v) => v.name));
      for (const value of type.getValues()) {
        if (!values.has(value.name)) {
          add({
            kind: 'ENUM_VALUE_REMOVED',
            type: type.name,
            field: null,
            message: `enum value ${value.name} removed`,
            usedThrough: fieldsReaching(before, type.name),
          });
        }
      }
    } else if (isUnionType(type) && isUnionType(now)) {
      const members = new Set(now.getTypes().map((t) => t.name));
      for (const member of type.getTypes()) {
        if (!members.has(member.name)) {
          add({
            kind: 'UNION_MEMBER_REMOVED',
            type: type.name,
            field: null,
            message: `member ${member.name} removed`,
            usedThrough: fieldsReaching(before, type.name),
          });
        }
      }
    }
  }
  return changes;
}

/**
 * Splits breaking changes by traffic: those reaching a field some gateway
 * served over the usage window block a publish; the others (no client used
 * what they break) are allowed, and reported as warnings.
 */
export function splitByUsage(
  changes: readonly BreakingChange[],
  used: ReadonlySet<string>,
): { blocking: BreakingChange[]; unused: BreakingChange[] } {
  const blocking: BreakingChange[] = [];
  const unused: BreakingChange[] = [];
  for (const change of changes) (change.usedThrough.some((c) => used.has(c)) ? blocking : unused).push(change);
  return { blocking, unused };
}
