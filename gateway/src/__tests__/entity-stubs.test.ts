import { describe, expect, it } from 'vitest';
import { nullEntities, selectionsOf } from '../datasources/entity-stubs';

const ENTITY_FETCH = `query($representations:[_Any!]!){_entities(representations:$representations){...on EligibilityDecision{providerFacts{registered active}provider{inpe name}}}}`;

describe('stub entities for a failed entity fetch', () => {
  it('reads the fields asked of each type', () => {
    expect(selectionsOf(ENTITY_FETCH)).toEqual(new Map([['EligibilityDecision', ['providerFacts', 'provider']]]));
  });

  it('is not an entity fetch for a root query', () => {
    expect(selectionsOf('query { eligibility(input: {nationalId: "x", providerInpe: "y"}) { id } }')).toBeNull();
  });

  it('keeps one stub per representation, every asked field explicitly null', () => {
    const selections = selectionsOf(ENTITY_FETCH);
    if (!selections) throw new Error('expected selections');
    const representations = [
      { __typename: 'EligibilityDecision', id: 'a' },
      { __typename: 'EligibilityDecision', id: 'b' },
    ];
    const stubs = nullEntities(selections, representations);
    expect(stubs).toEqual([
      { __typename: 'EligibilityDecision', providerFacts: null, provider: null },
      { __typename: 'EligibilityDecision', providerFacts: null, provider: null },
    ]);
  });

  it('honours aliases', () => {
    const selections = selectionsOf(
      `query($representations:[_Any!]!){_entities(representations:$representations){...on Person{ r: ref documents{ totalCount } }}}`,
    );
    expect(selections?.get('Person')).toEqual(['r', 'documents']);
  });
});
