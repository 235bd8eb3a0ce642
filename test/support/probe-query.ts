import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { MatrixRow } from '@cmb/composition';

/** Values for arguments by name: persona data, so allowed probes reach real records. */
const SAMPLES: Record<string, string> = {
  nationalId: '"ZZ000001"',
  providerInpe: '"ZZP00001"',
  inpe: '"ZZP00001"',
  establishmentInpe: '"ZZP00010"',
  code: '"6119999000015"',
  text: '"metformine"',
  date: '"2026-03-02"',
  idempotencyKey: '"access-matrix-probe"',
  organism: '"CNSS"',
};

/** A literal for a required input value: a sample by name, else the simplest value of its type. */
function literal(name: string, type: GraphQLInputType, samples: Record<string, string>): string {
  if (samples[name]) return samples[name];
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return '[]';
  const named = getNamedType(inner);
  if (isEnumType(named)) return named.getValues()[0]?.name ?? 'null';
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields()).filter((field) => isNonNullType(field.type));
    return `{ ${fields.map((field) => `${field.name}: ${literal(field.name, field.type, samples)}`).join(', ')} }`;
  }
  if (isScalarType(named)) {
    if (named.name === 'Int' || named.name === 'Float') return '0';
    if (named.name === 'Boolean') return 'false';
    if (named.name === 'Date') return '"2026-03-02"';
    if (named.name === 'DateTime') return '"2026-03-02T00:00:00Z"';
    return '"0"';
  }
  return 'null';
}

function argumentsOf(args: readonly GraphQLArgument[], samples: Record<string, string>): string {
  const required = args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  return required.length === 0 ? '' : `(${required.map((arg) => `${arg.name}: ${literal(arg.name, arg.type, samples)}`).join(', ')})`;
}

/**
 * The operation that reads a matrix row: its path from the root field,
 * required arguments filled (`overrides` replace samples by name, e.g. the
 * asking provider's own INPE).
 */
export function probeQuery(schema: GraphQLSchema, row: MatrixRow, overrides: Record<string, string> = {}): string {
  const samples = { ...SAMPLES, ...overrides };
  let body = '';
  for (let i = row.path.length - 1; i >= 0; i -= 1) {
    const step = row.path[i] as MatrixRow['path'][number];
    const parent = schema.getType(step.parent) as GraphQLObjectType;
    const field = parent.getFields()[step.field];
    if (!field) throw new Error(`no field ${step.parent}.${step.field}`);
    const inner = body || (isObjectType(getNamedType(field.type)) ? ' { __typename }' : '');
    body = ` { ${step.field}${argumentsOf(field.args, samples)}${inner} }`;
  }
  const root = row.path[0]?.parent === schema.getMutationType()?.name ? 'mutation' : 'query';
  return `${root}${body}`;
}

/** The response path of a row, as the gateway names refused paths. */
export function responsePath(row: MatrixRow): string {
  return row.path.map((step) => step.field).join('.');
}
