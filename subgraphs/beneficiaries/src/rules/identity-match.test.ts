import { describe, expect, it } from 'vitest';
import { comparableName, identityDifferences, type Identity, type IdentityField } from './identity-match';

/** R1 (domain.md §5): identity conflicts are flagged, never guessed; a batch never overwrites a known identity. */
const REGISTRY: Identity = { firstName: 'Amal', lastName: 'Testuser', birthDate: '1985-04-12', sex: 'F' };

describe('comparableName', () => {
  it.each([
    ['Amal', 'amal'],
    ['  ÂMAL  ', 'amal'],
    ['El   Idrissi', 'el idrissi'],
    ['Hélène', 'helene'],
    ['Aït-Ben Haddou', 'ait-ben haddou'],
    ['Ben-Ali', 'ben-ali'],
  ])('%j → %j', (name, expected) => {
    expect(comparableName(name)).toBe(expected);
  });
});

describe('identityDifferences (R1)', () => {
  it.each<[string, Partial<Identity>, IdentityField[]]>([
    ['the same identity', {}, []],
    ['another case, accents and spaces', { firstName: ' ÂMAL', lastName: 'testusér ' }, []],
    ['another first name', { firstName: 'Amina' }, ['firstName']],
    ['another last name', { lastName: 'Testusers' }, ['lastName']],
    ['a hyphen is not a space', { lastName: 'Test-user' }, ['lastName']],
    ['another birth date', { birthDate: '1985-04-21' }, ['birthDate']],
    ['another sex', { sex: 'M' }, ['sex']],
    [
      'everything else',
      { firstName: 'Badr', lastName: 'Fictif', birthDate: '1990-01-01', sex: 'M' },
      ['firstName', 'lastName', 'birthDate', 'sex'],
    ],
  ])('%s → %j', (_case, change, expected) => {
    expect(identityDifferences(REGISTRY, { ...REGISTRY, ...change })).toEqual(expected);
  });
});
