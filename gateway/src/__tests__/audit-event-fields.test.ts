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

  it('keeps the fields served apart from a field a subgraph refused', () => {
    expect(servedAndRefused(['person'], [{ schemaPath: 'person.documents' }])).toEqual({
      served: ['person'],
      refused: ['person.documents'],
    });
    expect(servedAndRefused(['person', 'eligibility'], [{ schemaPath: 'person' }])).toEqual({
      served: ['eligibility'],
      refused: ['person'],
    });
  });

  it('refuses every field when the gateway refused the operation before it ran', () => {
    expect(servedAndRefused(['person', 'eligibility'], [{ schemaPath: null }])).toEqual({ served: [], refused: ['person', 'eligibility'] });
    expect(servedAndRefused(['person'], [])).toEqual({ served: ['person'], refused: [] });
  });
});
