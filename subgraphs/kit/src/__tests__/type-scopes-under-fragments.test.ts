import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { refusedPaths } from '../auth/refused-paths';
import { scopeRequirementsFromSdl } from '../auth/scope-requirements';

/**
 * A type's own `@scopes` hold wherever the operation reads the type: through
 * a field returning it, and through a fragment typed on it (the way
 * `_entities` and any union or interface reach it), inline or named.
 */
describe('a type-level @scopes reached through a fragment typed on it', () => {
  // A subgraph's shape (`_entities` over `_Entity`) and an insurer's union holding a national entity.
  const sdl = `
    directive @scopes(anyOf: [String!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
    scalar _Any
    union _Entity = DocumentPointer | CnssClaim
    type Query {
      documentPointer(id: ID!): DocumentPointer
      _entities(representations: [_Any!]!): [_Entity]!
      cnssHits: [CnssHit!]! @scopes(anyOf: ["pathway:read"])
    }
    union CnssHit = CnssClaim | DocumentPointer
    type CnssClaim @scopes(anyOf: ["pathway:read"]) { fileNumber: String! }
    type DocumentPointer @scopes(anyOf: ["records:read", "records:write"]) { id: ID! title: String! repositoryUrl: String! }
  `;
  const schema = buildSchema(sdl);
  const requirements = scopeRequirementsFromSdl(sdl);
  const refused = (operation: string, purposes: string[]) => refusedPaths(schema, parse(operation), requirements, new Set(purposes));

  it.each([
    ['a field returning it', '{ documentPointer(id: "1") { title } }', ['documentPointer']],
    [
      '_entities, inline',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on DocumentPointer { title repositoryUrl } } }',
      ['_entities.title', '_entities.repositoryUrl'],
    ],
    [
      '_entities, a named fragment',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ...P } } fragment P on DocumentPointer { title }',
      ['_entities.title'],
    ],
    [
      "an insurer's union, inline",
      '{ cnssHits { ... on DocumentPointer { title repositoryUrl } } }',
      ['cnssHits.title', 'cnssHits.repositoryUrl'],
    ],
    ["an insurer's union, a named fragment", '{ cnssHits { ...P } } fragment P on DocumentPointer { title }', ['cnssHits.title']],
  ])('refuses it through %s to a caller holding none of its purposes', (_way, operation, paths) => {
    expect(refused(operation, ['pathway:read'])).toEqual(paths);
  });

  it('serves it to a caller holding one, and the union member the caller may read', () => {
    expect(
      refused('{ cnssHits { ... on DocumentPointer { title } ... on CnssClaim { fileNumber } } }', ['pathway:read', 'records:read']),
    ).toEqual([]);
    expect(refused('{ cnssHits { ... on CnssClaim { fileNumber } __typename } }', ['pathway:read'])).toEqual([]);
  });
});
