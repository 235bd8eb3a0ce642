import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { exceededLimit, measureOperation } from '../pipeline/graphql/enforce-limits';
import { TokenBuckets } from '../rate-limiting/token-buckets';

const schema = buildSchema(`
  type Person { name: String, dependants: [Person!]!, documents(first: Int): [Doc!]! }
  type Doc { id: ID, type: String }
  type DocEdge { cursor: String, node: Doc }
  type DocConnection { edges: [DocEdge!]!, totalCount: Int }
  type Query { person: Person, people: [Person!]!, docs(first: Int): DocConnection! }
`);
const LIMITS = { maxDepth: 4, maxAliases: 2, maxCost: 100, listFactor: 10, maxPageSize: 200 };

describe('operation shape', () => {
  it.each<[string, string, { depth: number; aliases: number; cost: number }]>([
    ['a flat field', '{ person { name } }', { depth: 2, aliases: 0, cost: 2 }],
    ['a list multiplies its subtree by the list factor', '{ people { name } }', { depth: 2, aliases: 0, cost: 11 }],
    ['first bounds a list', '{ person { documents(first: 3) { id type } } }', { depth: 3, aliases: 0, cost: 8 }],
    ['nested lists multiply', '{ people { dependants { name } } }', { depth: 3, aliases: 0, cost: 111 }],
    ['aliases are counted', '{ a: person { name } b: person { n: name } }', { depth: 2, aliases: 3, cost: 4 }],
    [
      'first sizes the edges of a connection, counted once',
      '{ docs(first: 3) { totalCount edges { cursor node { id } } } }',
      { depth: 4, aliases: 0, cost: 1 + (1 + (1 + 3 * (1 + 2))) },
    ],
    [
      'a connection without first takes the list factor for its edges',
      '{ docs { edges { node { id } } } }',
      { depth: 4, aliases: 0, cost: 1 + (1 + 10 * (1 + 1)) },
    ],
    [
      'fragments are followed',
      'query { person { ...F } } fragment F on Person { name dependants { name } }',
      { depth: 3, aliases: 0, cost: 13 },
    ],
  ])('%s', (_label, query, shape) => {
    expect(measureOperation(schema, parse(query), 10)).toEqual(shape);
  });

  it('names the first limit exceeded', () => {
    expect(exceededLimit({ depth: 5, aliases: 0, cost: 1 }, LIMITS)).toBe('depth 5 > 4');
    expect(exceededLimit({ depth: 2, aliases: 3, cost: 1 }, LIMITS)).toBe('aliases 3 > 2');
    expect(exceededLimit({ depth: 2, aliases: 0, cost: 111 }, LIMITS)).toBe('cost 111 > 100');
    expect(exceededLimit({ depth: 4, aliases: 2, cost: 100 }, LIMITS)).toBeNull();
  });
});

describe('rate limiter', () => {
  it('lets a burst through, then asks to wait, then refills at the rate', () => {
    let now = 0;
    const limiter = new TokenBuckets({ ratePerSecond: 2, burst: 3 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([null, null, null]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBeNull();
    now = 500;
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBe(1);
  });
});
