import { describe, expect, it } from 'vitest';
import { mayReadPathwayByPerson } from './pathway-by-person';

/** Pathway data by person: the OGs and ANAM, as the beneficiaries lookup allows; never a care client (architecture.md, access rules). */
describe('mayReadPathwayByPerson', () => {
  it.each<[string | null, boolean]>([
    ['OG', true],
    ['REGULATOR', true],
    ['ESTABLISHMENT', false],
    ['PROFESSIONAL', false],
    ['PATIENT_PORTAL', false],
    ['DPA', false],
    ['GATEWAY', false],
    [null, false],
  ])('%s → %s', (orgKind, expected) => {
    expect(mayReadPathwayByPerson({ orgKind })).toBe(expected);
  });
});
