import { buildSchema, parse } from 'graphql';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FieldUsage, selectedFields } from '../supergraph/field-usage';
import type { RegistryClient } from '../supergraph/registry-client';

const schema = buildSchema(`
  type Query { person(id: ID!): Person, version: String }
  type Person { ref: ID!, name: String, claims: [Claim!]! }
  type Claim { number: String! }
`);

/** A registry that records what it is given, or fails. */
function fakeRegistry(fail = false): RegistryClient & { added: [string, Map<string, number>][] } {
  const added: [string, Map<string, number>][] = [];
  return {
    added,
    latest: async () => null,
    supergraph: async () => null,
    addUsage: async (day, counts) => {
      if (fail) throw Object.assign(new Error('down'), { code: 'ECONNREFUSED' });
      added.push([day, new Map(counts)]);
    },
    close: async () => undefined,
  };
}

describe('the fields an operation selects', () => {
  it('reads each field once, fragments and aliases included, introspection left out', () => {
    const document = parse(`
      query { a: person(id: "1") { ...P, name } b: person(id: "2") { ref } __typename }
      fragment P on Person { ref claims { number } }
    `);
    expect([...selectedFields(schema, document)].sort()).toEqual([
      'Claim.number',
      'Person.claims',
      'Person.name',
      'Person.ref',
      'Query.person',
    ]);
    expect(selectedFields(schema, document)).toBe(selectedFields(schema, document));
  });
});

describe('field usage, counted in memory and added to the registry', () => {
  it('adds the day’s counts per field, summed over the operations', async () => {
    const registry = fakeRegistry();
    const usage = new FieldUsage(registry, pino({ level: 'silent' }));
    const person = selectedFields(schema, parse('{ person(id: "1") { name } }'));
    const version = selectedFields(schema, parse('{ version }'));
    usage.count(person);
    usage.count(person);
    usage.count(version);
    await usage.flush(new Date('2026-03-02T10:00:00Z'));
    expect(registry.added).toEqual([
      [
        '2026-03-02',
        new Map([
          ['Query.person', 2],
          ['Person.name', 2],
          ['Query.version', 1],
        ]),
      ],
    ]);
    await usage.flush();
    expect(registry.added).toHaveLength(1);
  });

  it('keeps the counts for the next flush when the registry cannot be written', async () => {
    const down = fakeRegistry(true);
    const usage = new FieldUsage(down, pino({ level: 'silent' }));
    usage.count(selectedFields(schema, parse('{ version }')));
    await usage.flush();
    const up = fakeRegistry();
    Object.assign(down, { addUsage: up.addUsage });
    usage.count(selectedFields(schema, parse('{ version }')));
    await usage.flush(new Date('2026-03-03T00:00:00Z'));
    expect(up.added).toEqual([['2026-03-03', new Map([['Query.version', 2]])]]);
  });
});
