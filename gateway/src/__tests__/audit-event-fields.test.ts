import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaPathOf, servedAndRefused } from '../access-audit/field-paths';

const operationOf = (text: string) => {
  const document = parse(text);
  return { document, operation: document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode };
};

describe('the field paths of an audit event', () => {
  it("names a response path by the schema's fields, never the client's aliases, through lists and fragments", () => {
    const { document, operation } = operationOf(
      'query { ZZ000001: person(nationalId: "ZZ000001") { ...Docs deps: dependants { ... on Person { d: documents { totalCount } } } } } fragment Docs on Person { records: documents { totalCount } }',
    );
    expect(schemaPathOf(document, operation, ['ZZ000001', 'records'])).toBe('person.documents');
    expect(schemaPathOf(document, operation, ['ZZ000001', 'deps', 3, 'd'])).toBe('person.dependants.documents');
    expect(schemaPathOf(document, operation, ['ZZ000001', 'absent'])).toBeNull();
  });

  const person = { response: 'person', schema: 'person' };
  const eligibility = { response: 'eligibility', schema: 'eligibility' };

  it('keeps the fields served apart from a field a subgraph refused', () => {
    expect(servedAndRefused([person], [{ path: ['person', 'documents'], schemaPath: 'person.documents' }])).toEqual({
      served: ['person'],
      refused: ['person.documents'],
      servedWhole: false,
    });
    expect(servedAndRefused([person, eligibility], [{ path: ['person'], schemaPath: 'person' }])).toEqual({
      served: ['eligibility'],
      refused: ['person'],
      servedWhole: true,
    });
  });

  it('reads each alias apart: one refused beside another served is not a refused read (it was, whatever the other served)', () => {
    const [a, b] = [
      { response: 'a', schema: 'person' },
      { response: 'b', schema: 'person' },
    ];
    expect(servedAndRefused([a, b], [{ path: ['b', 'documents'], schemaPath: 'person.documents' }])).toEqual({
      served: ['person'],
      refused: ['person.documents'],
      servedWhole: true,
    });
    expect(servedAndRefused([a, b], [{ path: ['b'], schemaPath: 'person' }])).toEqual({
      served: ['person'],
      refused: ['person'],
      servedWhole: true,
    });
    expect(
      servedAndRefused(
        [a, b],
        [
          { path: ['a'], schemaPath: 'person' },
          { path: ['b', 'documents'], schemaPath: 'person.documents' },
        ],
      ),
    ).toEqual({
      served: ['person'],
      refused: ['person', 'person.documents'],
      servedWhole: false,
    });
  });

  it('keeps a field served when one item of a list under it was refused', () => {
    const people = { response: 'people', schema: 'persons' };
    expect(servedAndRefused([people], [{ path: ['people', 'edges', 3, 'node'], schemaPath: 'persons.edges.node' }])).toEqual({
      served: ['persons'],
      refused: ['persons.edges.node'],
      servedWhole: true,
    });
  });

  it('refuses every field when the gateway refused the operation before it ran', () => {
    expect(servedAndRefused([person, eligibility], [{ path: null, schemaPath: null }])).toEqual({
      served: [],
      refused: ['person', 'eligibility'],
      servedWhole: false,
    });
    expect(servedAndRefused([person], [])).toEqual({ served: ['person'], refused: [], servedWhole: true });
  });
});
