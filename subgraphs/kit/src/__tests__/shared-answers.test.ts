import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { sharedAnswerOf, type SharedAnswerDeclaration } from '../http/shared-answers';

const DECLARED: SharedAnswerDeclaration = {
  typename: 'EligibilityDecision',
  fields: ['providerFacts', 'provider'],
  dependsOn: ['providerInpe', 'careDate'],
  maxAgeSeconds: 60,
};
const NOTICE = { typename: 'EligibilityDecision', dependsOn: ['providerInpe', 'careDate'], maxAgeSeconds: 60 };
const entities = (selections: string, variables = '') =>
  `query ($representations: [_Any!]!${variables}) { _entities(representations: $representations) { ${selections} } }`;

describe('which answers a subgraph declares shareable', () => {
  it.each([
    ['the declared fields of the declared type', entities('... on EligibilityDecision { providerFacts { active } provider { inpe } }')],
    ['one of them, with __typename', entities('__typename ... on EligibilityDecision { __typename provider { inpe name } }')],
    ['a literal argument below', entities('... on EligibilityDecision { provider { conventions(organism: "CNSS") { organism } } }')],
  ])('shares %s', (_label, query) => {
    expect(sharedAnswerOf(parse(query), [DECLARED])).toEqual(NOTICE);
  });

  it.each([
    ['another field of the type', entities('... on EligibilityDecision { provider { inpe } id }')],
    ['another type', entities('... on Provider { inpe }')],
    ['two types', entities('... on EligibilityDecision { provider { inpe } } ... on Provider { inpe }')],
    ['an alias', entities('... on EligibilityDecision { p: provider { inpe } }')],
    [
      'an aliased _entities',
      'query ($r: [_Any!]!) { e: _entities(representations: $r) { ... on EligibilityDecision { provider { inpe } } } }',
    ],
    ['a directive', entities('... on EligibilityDecision { provider @include(if: true) { inpe } }')],
    ['a directive on the fragment', entities('... on EligibilityDecision @skip(if: false) { provider { inpe } }')],
    ['a directive deeper', entities('... on EligibilityDecision { provider { inpe name @include(if: $n) } }', ', $n: Boolean!')],
    ['a variable deeper', entities('... on EligibilityDecision { provider { conventions(organism: $o) { organism } } }', ', $o: String')],
    ['a named fragment deeper', `${entities('... on EligibilityDecision { provider { ...P } }')} fragment P on Provider { inpe }`],
    ['another variable, unused', entities('... on EligibilityDecision { provider { inpe } }', ', $x: Int')],
    [
      'representations under another name',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on EligibilityDecision { provider { inpe } } } }',
    ],
    ['a named fragment', `${entities('...F')} fragment F on EligibilityDecision { provider { inpe } }`],
    [
      'a root field beside',
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } providers { inpe } }',
    ],
    ['a root field', '{ provider(inpe: "ZZP00001") { inpe } }'],
    [
      'a write',
      'mutation ($representations: [_Any!]!) { _entities(representations: $representations) { ... on EligibilityDecision { provider { inpe } } } }',
    ],
    ['nothing asked of the type', entities('__typename')],
  ])('does not share %s', (_label, query) => {
    expect(sharedAnswerOf(parse(query), [DECLARED])).toBeNull();
  });

  it('shares nothing without a declaration', () => {
    expect(sharedAnswerOf(parse(entities('... on EligibilityDecision { provider { inpe } }')), [])).toBeNull();
  });
});
