// The cost limit reads a page the operation leaves to the schema (no `first`, `first: null`, a variable without a value)
// at the size the subgraph then serves: the argument's default (`first: Int = 50`), not the smaller list factor.
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureOperation } from '../pipeline/graphql/enforce-limits';

// Shaped like the supergraph: auditEvents(first: Int = 50), myAccessHistory(first: Int = 50), Person.documents(first: Int = 50).
const schema = buildSchema(`
  type Query { auditEvents(first: Int = 50, after: String): AuditEventConnection! }
  type AuditEventConnection { edges: [AuditEventEdge!]! }
  type AuditEventEdge { node: AuditEvent! }
  type AuditEvent { eventId: ID!  clientId: String!  purposes: [String!]! }
`);
const LIST_FACTOR = 20; // QUERY_LIST_FACTOR's default

const cost = (text: string, variables: Record<string, unknown> = {}) => measureOperation(schema, parse(text), LIST_FACTOR, variables).cost;

describe('the cost of a page the operation does not size itself', () => {
  const asServed = cost('{ auditEvents(first: 50) { edges { node { eventId clientId } } } }');

  it('counts a page left to the schema default at the size the subgraph serves (50)', () => {
    expect(cost('{ auditEvents { edges { node { eventId clientId } } } }')).toBe(asServed);
  });

  it('counts first: null, which the subgraph serves as its default page (50), at that size', () => {
    expect(cost('{ auditEvents(first: null) { edges { node { eventId clientId } } } }')).toBe(asServed);
    expect(cost('query ($n: Int) { auditEvents(first: $n) { edges { node { eventId clientId } } } }', { n: null })).toBe(asServed);
    expect(cost('query ($n: Int) { auditEvents(first: $n) { edges { node { eventId clientId } } } }')).toBe(asServed);
  });

  it('still counts a page the operation sizes itself at that size', () => {
    expect(cost('{ auditEvents(first: 2) { edges { node { eventId clientId } } } }')).toBeLessThan(asServed);
  });
});
