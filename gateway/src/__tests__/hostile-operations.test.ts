import { refusedPaths, type ScopeRequirements } from '@cmb/kit';
import { buildSchema, parse, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentAuditFacts } from '../access-audit/subjects';
import { askedProviders } from '../pipeline/graphql/bind-provider';
import { boundDocumentSize, MAX_CLIENT_NAME_LENGTH, writtenSize } from '../pipeline/graphql/bound-document-size';
import { exceededLimit, measureOperation, outOfBoundsPage, sizedByVariables } from '../pipeline/graphql/enforce-limits';
import { operationCarriesPersonalData } from '../pipeline/graphql/refuse-personal-data-over-get';

// Synthetic schema shaped like the gateway's: a person with nested lists, an eligibility check.
const schema = buildSchema(`
  type Query { person(nationalId: String!): Person  eligibility(input: EligibilityInput!): Decision  people(first: Int): [Person!]! }
  input EligibilityInput { nationalId: String!  providerInpe: String! }
  type Decision { outcome: String  coverage: Coverage }
  type Coverage { organism: String  aldExemptions: [String!] }
  type Person { ref: String  firstName: String  dependants: [Person!]! }
`);
const requirements: ScopeRequirements = {
  fields: new Map([
    ['Person.firstName', ['beneficiary:read']],
    ['Coverage.aldExemptions', ['pathway:read']],
  ]),
  types: new Map(),
};
const limits = { maxDepth: 12, maxAliases: 30, maxCost: 5000, listFactor: 20, maxPageSize: 200 };

/** Fragments that spread each other in a ring: validation refuses them, but nothing may loop before it does. */
const CYCLE = 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }';
const SELF = 'query { person(nationalId: "ZZ000001") { ...P } } fragment P on Person { firstName dependants { ...P } }';
/** Each fragment spreads the next twice: valid GraphQL, 2^40 fields once expanded. */
function fragmentBomb(levels: number, wrapper = (inner: string) => inner): string {
  let text = `query { ${wrapper('...F0')} }\n`;
  for (let i = 0; i < levels; i += 1) text += `fragment F${i} on Person { ...F${i + 1} ...F${i + 1} }\n`;
  return `${text}fragment F${levels} on Person { firstName }`;
}
const BOMB = fragmentBomb(40, (inner) => `person(nationalId: "ZZ000001") { ${inner} }`);
/** The same bomb under a list asked with `first: 0`, which multiplies its cost by zero. */
const ZERO_PAGE_BOMB = fragmentBomb(40, (inner) => `people(first: 0) { ${inner} }`);
const DEEP = `query { person(nationalId: "ZZ000001") { ${'dependants { '.repeat(1500)}ref${' }'.repeat(1500)} } }`;
const ALIASES = `query { ${Array.from({ length: 3000 }, (_, i) => `a${i}: person(nationalId: "ZZ000001") { ref }`).join(' ')} }`;

const HOSTILE: [string, string][] = [
  ['fragments spreading each other', CYCLE],
  ['a fragment spreading itself', SELF],
  ['a fragment bomb', BOMB],
  ['a fragment bomb under first: 0', ZERO_PAGE_BOMB],
  ['1,500 levels of nesting', DEEP],
  ['3,000 aliases', ALIASES],
];

/** Every function that walks an operation, as each step calls it. */
const WALKERS: [string, (document: DocumentNode) => unknown][] = [
  ['the written-size rule', (document) => writtenSize(document)],
  ['the cost limit', (document) => exceededLimit(measureOperation(schema, document, limits.listFactor), limits)],
  ['the variable sizing check', (document) => sizedByVariables(document)],
  ['the purpose check', (document) => refusedPaths(schema, document, requirements, new Set(['eligibility:check']))],
  ['the audit field paths', (document) => refusedPaths(schema, document, requirements, new Set())],
  ['the GET check', (document) => operationCarriesPersonalData(schema, document)],
  ['the audit subjects', (document) => documentAuditFacts(document)],
  [
    'the provider binding',
    (document) => {
      const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
      return operation && operation.kind === 'OperationDefinition' ? askedProviders(document, operation, {}) : [];
    },
  ],
];

describe('every step that walks an operation survives hostile operations', () => {
  for (const [walker, walk] of WALKERS) {
    it.each(HOSTILE)(`${walker}: %s`, (_name, text) => {
      const started = performance.now();
      walk(parse(text));
      // A bound for a hang, not a benchmark: the walk is linear, these take milliseconds.
      expect(performance.now() - started).toBeLessThan(2_000);
    });
  }
});

describe('what the limits make of hostile operations', () => {
  it('refuses a fragment bomb on its cost, even under first: 0', () => {
    expect(exceededLimit(measureOperation(schema, parse(BOMB), limits.listFactor), limits)).toMatch(/^cost/);
    expect(exceededLimit(measureOperation(schema, parse(ZERO_PAGE_BOMB), limits.listFactor), limits)).toMatch(/^cost/);
  });

  it('reads depth and aliases as written, before validation', () => {
    expect(writtenSize(parse(DEEP)).depth).toBe(1502);
    expect(writtenSize(parse(ALIASES)).aliases).toBe(3000);
    expect(writtenSize(parse(CYCLE))).toEqual({ depth: 1, aliases: 0, fields: 0, longestName: 0 });
  });

  it('refuses an operation name or an alias longer than a client needs (both travel on, and are read for national ids)', () => {
    const long = `Check${'x'.repeat(MAX_CLIENT_NAME_LENGTH)}`;
    const rule = boundDocumentSize(limits);
    for (const text of [`query ${long} { people { ref } }`, `{ ${long}: people { ref } }`]) {
      expect(validate(schema, parse(text), [rule]).map((error) => error.extensions.code)).toEqual(['QUERY_TOO_COMPLEX']);
    }
    expect(validate(schema, parse(`query Check_${'x'.repeat(300)} { people { ref } }`), [rule])).toEqual([]);
  });

  it('counts a page size passed as a variable at its value', () => {
    const document = parse('query ($n: Int) { people(first: $n) { dependants { ref } } }');
    expect(sizedByVariables(document)).toBe(true);
    expect(measureOperation(schema, document, limits.listFactor, { n: 1 }).cost).toBeLessThan(
      measureOperation(schema, document, limits.listFactor, { n: 1000 }).cost,
    );
    expect(exceededLimit(measureOperation(schema, document, limits.listFactor, { n: 100_000 }), limits)).toMatch(/^cost/);
  });

  it('finds a page size outside the bounds, literal or variable', () => {
    expect(outOfBoundsPage(parse('{ people(first: -1) { ref } }'), {}, 200)).toBe(-1);
    expect(outOfBoundsPage(parse('query ($n: Int) { people(first: $n) { ref } }'), { n: 500 }, 200)).toBe(500);
    expect(outOfBoundsPage(parse('query ($n: Int) { people(first: $n) { ref } }'), { n: 200 }, 200)).toBeNull();
    expect(outOfBoundsPage(parse('{ people { ref } }'), {}, 200)).toBeNull();
  });

  it('reports refused paths of a fragment spread many times once each', () => {
    expect(refusedPaths(schema, parse(BOMB), requirements, new Set())).toEqual(['person.firstName']);
  });
});
