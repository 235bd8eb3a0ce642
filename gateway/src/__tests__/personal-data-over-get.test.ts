import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCarriesPersonalData } from '../pipeline/graphql/refuse-personal-data-over-get';

const schema = buildSchema(`
  input Deep { nested: Inner }
  input Inner { nationalId: String }
  input EligibilityInput { nationalId: String!, providerInpe: String! }
  type Query {
    eligibility(input: EligibilityInput!): String
    person(nationalId: String!): String
    provider(inpe: String!): String
    deep(filter: Deep): String
    aldList: [String]
  }
`);

describe('operations carrying personal data', () => {
  it.each<[string, string, boolean]>([
    ['an eligibility check', 'query($i: EligibilityInput!) { eligibility(input: $i) }', true],
    ['an inline national id', '{ person(nationalId: "ZZ000001") }', true],
    ['a nested input', '{ deep(filter: { nested: { nationalId: "x" } }) }', true],
    ['a provider lookup', '{ provider(inpe: "ZZP00001") }', false],
    ['reference data', '{ aldList }', false],
  ])('%s → %s', (_label, query, expected) => {
    expect(operationCarriesPersonalData(schema, parse(query))).toBe(expected);
  });
});
