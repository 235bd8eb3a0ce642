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
const entities = (selections: string) => `query ($r: [_Any!]!) { _entities(representations: $r) { ${selections} } }`;

describe('which answers a subgraph declares shareable', () => {
  it.each([
    ['the declared fields of the declared type', entities('... on EligibilityDecision { providerFacts { active } provider { inpe } }')],
    ['one of them, with __typename', entities('__typename ... on EligibilityDecision { __typename provider { inpe name } }')],
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
    ['a named fragment', `${entities('...F')} fragment F on EligibilityDecision { provider { inpe } }`],
    ['a root field beside', 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } providers { inpe } }'],
    ['a root field', '{ provider(inpe: "ZZP00001") { inpe } }'],
    ['a write', 'mutation ($r: [_Any!]!) { _entities(representations: $r) { ... on EligibilityDecision { provider { inpe } } } }'],
    ['nothing asked of the type', entities('__typename')],
  ])('does not share %s', (_label, query) => {
    expect(sharedAnswerOf(parse(query), [DECLARED])).toBeNull();
  });

  it('shares nothing without a declaration', () => {
    expect(sharedAnswerOf(parse(entities('... on EligibilityDecision { provider { inpe } }')), [])).toBeNull();
  });
});
