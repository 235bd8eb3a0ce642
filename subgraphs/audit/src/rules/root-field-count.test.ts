import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { rootFieldCount } from './root-field-count';

/** What a resolver's `info` gives for a document's operation. */
function rootOf(document: string, variableValues: Record<string, unknown> = {}) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  const fragments = Object.fromEntries(
    parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { operation, fragments, variableValues, rootTypeName: 'Query' };
}

const FIELD = 'auditAnomalies(from: "2026-05-04T00:00:00Z", to: "2026-05-05T00:00:00Z")';
const A = `${FIELD} { kind }`;

describe('how many times an operation runs a root field', () => {
  it.each([
    { name: 'once', document: `{ ${A} }`, count: 1 },
    { name: 'not at all', document: '{ auditEvents { pageInfo { hasNextPage } } }', count: 0 },
    { name: 'under two aliases', document: `{ a: ${A} b: ${A} }`, count: 2 },
    { name: 'under its name and an alias', document: `{ ${A} b: ${A} }`, count: 2 },
    { name: 'thirty aliases', document: `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: ${A}`).join(' ')} }`, count: 30 },
    { name: 'through a named fragment', document: `{ a: ${A} ...F } fragment F on Query { b: ${A} }`, count: 2 },
    { name: 'through a fragment spread twice', document: `{ ...F ...F } fragment F on Query { b: ${A} }`, count: 1 },
    {
      name: 'through nested fragments',
      document: `{ ...F } fragment F on Query { a: ${A} ...G } fragment G on Query { b: ${A} }`,
      count: 2,
    },
    { name: 'through inline fragments', document: `{ ... on Query { a: ${A} } ... { b: ${A} } }`, count: 2 },
    { name: 'the same key twice runs once', document: `{ a: ${A} ... { a: ${A} } }`, count: 1 },
    { name: 'a field skipped', document: `{ a: ${A} b: ${FIELD} @skip(if: true) { kind } }`, count: 1 },
    { name: 'a fragment not included', document: `{ a: ${A} ... @include(if: false) { b: ${A} } }`, count: 1 },
    { name: 'nested fields are not root fields', document: `{ a: ${A} auditEvents { edges { node { eventId } } } }`, count: 1 },
  ])('$name: $count', ({ document, count }) => {
    expect(rootFieldCount(rootOf(document), 'auditAnomalies')).toBe(count);
  });

  it.each([
    { yes: true, count: 2 },
    { yes: false, count: 1 },
  ])('reads @include and @skip from the variables ($yes: $count)', ({ yes, count }) => {
    const document = `query ($yes: Boolean!) { a: ${A} b: ${FIELD} @include(if: $yes) { kind } c: ${FIELD} @skip(if: true) { kind } }`;
    expect(rootFieldCount(rootOf(document, { yes }), 'auditAnomalies')).toBe(count);
  });
});
