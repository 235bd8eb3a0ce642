import { describe, expect, it } from 'vitest';
import { mayLookUpPerson } from './person-lookup';

describe('who may look a person up by national id', () => {
  it.each<[string | null, boolean]>([
    ['OG', true],
    ['REGULATOR', true],
    ['ESTABLISHMENT', false],
    ['PROFESSIONAL', false],
    ['PATIENT_PORTAL', false],
    ['DPA', false],
    [null, false],
  ])('%s → %s', (orgKind, allowed) => {
    expect(mayLookUpPerson({ orgKind })).toBe(allowed);
  });
});
