import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { breakingChanges, splitByUsage } from './breaking-changes';

const BASE = `
  type Query { claim(id: ID!, year: Int): Claim, claims(status: Status): [Claim!]! }
  type Claim { id: ID!, amount: Float!, note: String, status: Status!, sheets: [Sheet!]! }
  type Sheet { number: String! }
  enum Status { RECEIVED PAID REJECTED }
  input Filter { status: Status, from: String }
  type Mutation { file(filter: Filter): Claim }
`;

/** The base schema with one replacement applied. */
const changed = (from: string, to: string) => {
  if (!BASE.includes(from)) throw new Error(`the base schema has no ${from}`);
  return BASE.replace(from, to);
};

describe('breaking changes between two client-facing schemas', () => {
  it.each([
    ['a field removed', changed('note: String, ', ''), 'FIELD_REMOVED', 'Claim', 'note', ['Claim.note']],
    ['an output made nullable', changed('amount: Float!', 'amount: Float'), 'NULLABILITY_RELAXED', 'Claim', 'amount', ['Claim.amount']],
    ['an output changing type', changed('amount: Float!', 'amount: String!'), 'FIELD_TYPE_CHANGED', 'Claim', 'amount', ['Claim.amount']],
    ['an argument made required', changed('year: Int)', 'year: Int!)'), 'NULLABILITY_TIGHTENED', 'Query', 'claim', ['Query.claim']],
    [
      'a new required argument',
      changed('claims(status: Status)', 'claims(status: Status, region: String!)'),
      'REQUIRED_ARGUMENT_ADDED',
      'Query',
      'claims',
      ['Query.claims'],
    ],
    ['an argument removed', changed('claim(id: ID!, year: Int)', 'claim(id: ID!)'), 'ARGUMENT_REMOVED', 'Query', 'claim', ['Query.claim']],
    [
      'an enum value removed',
      changed('RECEIVED PAID REJECTED', 'RECEIVED PAID'),
      'ENUM_VALUE_REMOVED',
      'Status',
      null,
      ['Query.claims', 'Claim.status', 'Mutation.file'],
    ],
    [
      'an input field made required',
      changed('from: String }', 'from: String! }'),
      'NULLABILITY_TIGHTENED',
      'Filter',
      'from',
      ['Mutation.file'],
    ],
    [
      'a new required input field',
      changed('from: String }', 'from: String, to: String! }'),
      'REQUIRED_INPUT_FIELD_ADDED',
      'Filter',
      'to',
      ['Mutation.file'],
    ],
  ])('finds %s', (_case, after, kind, type, field, usedThrough) => {
    const changes = breakingChanges(buildSchema(BASE), buildSchema(after));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind, type, field });
    expect([...(changes[0]?.usedThrough ?? [])].sort()).toEqual([...usedThrough].sort());
  });

  it('finds a type removed, with the fields that returned it', () => {
    const after = changed(', sheets: [Sheet!]! }', ' }').replace('type Sheet { number: String! }', '');
    const changes = breakingChanges(buildSchema(BASE), buildSchema(after));
    expect(changes.map((c) => `${c.kind} ${c.type}${c.field ? `.${c.field}` : ''}`)).toEqual([
      'FIELD_REMOVED Claim.sheets',
      'TYPE_REMOVED Sheet',
    ]);
    expect(changes[1]?.usedThrough).toEqual(['Claim.sheets']);
  });

  it.each([
    ['a field added', changed('note: String,', 'note: String, paidOn: String,')],
    ['an output made non-null', changed('note: String', 'note: String!')],
    ['an argument made nullable', changed('claim(id: ID!', 'claim(id: ID')],
    ['a new optional argument', changed('claims(status: Status)', 'claims(status: Status, region: String)')],
    ['a new required argument with a default', changed('claims(status: Status)', 'claims(status: Status, first: Int! = 20)')],
    ['an enum value added', changed('RECEIVED PAID REJECTED', 'RECEIVED PAID REJECTED OVERDUE')],
    ['a type added', `${BASE} type Extra { a: Int }`],
  ])('lets %s through', (_case, after) => {
    expect(breakingChanges(buildSchema(BASE), buildSchema(after))).toEqual([]);
  });

  it('allows a change no gateway served, and blocks one that a client used', () => {
    const changes = breakingChanges(
      buildSchema(BASE),
      buildSchema(changed('note: String, ', '').replace('amount: Float!', 'amount: Float')),
    );
    const { blocking, unused } = splitByUsage(changes, new Set(['Claim.amount']));
    expect(blocking.map((c) => c.field)).toEqual(['amount']);
    expect(unused.map((c) => c.field)).toEqual(['note']);
  });
});
