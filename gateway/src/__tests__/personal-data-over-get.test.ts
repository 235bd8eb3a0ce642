import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { holdsNationalId, operationCarriesPersonalData } from '../pipeline/graphql/refuse-personal-data-over-get';

const schema = buildSchema(`
  input Deep { nested: Inner }
  input Inner { nationalId: String }
  input EligibilityInput { nationalId: String!, providerInpe: String! }
  type Query {
    eligibility(input: EligibilityInput!): String
    person(nationalId: String!): String
    provider(inpe: String!): String
    claimsByCin(cin: String!): String
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
    ['a national id under an argument of another name (it was not seen)', '{ claimsByCin(cin: "ZZ000001") }', true],
    ['one in lower case', '{ claimsByCin(cin: "zz000001") }', true],
    ['a string that is no national id', '{ claimsByCin(cin: "not-an-id") }', false],
    ['a disease code, shorter than any national id', '{ claimsByCin(cin: "E11") }', false],
  ])('%s → %s', (_label, query, expected) => {
    expect(operationCarriesPersonalData(schema, parse(query))).toBe(expected);
  });
});

describe('variables carrying a national id, whatever their name', () => {
  it.each<[unknown, boolean]>([
    [{ cin: 'ZZ000001' }, true],
    [{ filter: { ids: ['x', 'ZZ000001'] } }, true],
    [{ inpe: 'ZZP00001', ref: '6f9619ff-8b86-d011-b42d-00c04fc964ff', date: '2026-03-02' }, false],
    [undefined, false],
    [{ ZZ000001: true }, true],
    [JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`), true],
  ])('%j → %s', (variables, expected) => expect(holdsNationalId(variables)).toBe(expected));
});
