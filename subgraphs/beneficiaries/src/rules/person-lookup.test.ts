import { describe, expect, it } from 'vitest';
import { mayLookUpPerson, mayReadAffiliationHistory } from './person-lookup';

describe('who may look a person up by national id', () => {
  it.each<[string | null, string[], boolean]>([
    ['OG', ['beneficiary:read'], true],
    ['OG', ['pathway:read'], true],
    ['REGULATOR', ['beneficiary:read'], true],
    ['ESTABLISHMENT', ['records:read'], true],
    ['ESTABLISHMENT', ['records:break-glass'], true],
    ['PROFESSIONAL', ['records:read'], true],
    ['PROFESSIONAL', ['records:read', 'records:write'], true],
    ['ESTABLISHMENT', ['pathway:read'], false],
    ['ESTABLISHMENT', ['records:read', 'pathway:read'], false],
    ['PROFESSIONAL', ['records:break-glass', 'beneficiary:read'], false],
    ['ESTABLISHMENT', ['eligibility:check'], false],
    ['ESTABLISHMENT', ['records:write'], false],
    ['PROFESSIONAL', [], false],
    ['PATIENT_PORTAL', ['beneficiary:read'], false],
    ['PATIENT_PORTAL', ['records:read'], false],
    ['DPA', ['audit:read'], false],
    [null, ['records:read'], false],
  ])('%s under %j → %s', (orgKind, purposes, allowed) => {
    expect(mayLookUpPerson({ orgKind, purposes })).toBe(allowed);
  });
});

describe('who may read an affiliation history by national id', () => {
  it.each<[string | null, boolean]>([
    ['OG', true],
    ['REGULATOR', true],
    ['ESTABLISHMENT', false],
    ['PROFESSIONAL', false],
    ['PATIENT_PORTAL', false],
    ['DPA', false],
    [null, false],
  ])('%s → %s', (orgKind, allowed) => {
    expect(mayReadAffiliationHistory({ orgKind })).toBe(allowed);
  });
});
