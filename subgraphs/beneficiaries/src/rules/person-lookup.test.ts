import { describe, expect, it } from 'vitest';
import { mayLookUpPerson, mayReadAffiliationHistory, mayResolvePerson } from './person-lookup';

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

describe('who may reach a person by reference (_entities): the rules of person and me, on every entry', () => {
  const P01 = { nationalId: 'ZZ000001', organisms: ['CNSS'] };
  const P05 = { nationalId: 'ZZ000005', organisms: ['CNOPS', 'CNSS'] };
  const patient = {
    orgKind: 'PATIENT_PORTAL',
    org: 'PATIENT_PORTAL',
    purposes: ['beneficiary:read'],
    userId: 'u1',
    nationalId: 'ZZ000001',
  };
  /** A caller of the table: a user id and a national id only where a row has one. */
  type TableCaller = Omit<Parameters<typeof mayResolvePerson>[0], 'userId' | 'nationalId'> &
    Partial<Pick<Parameters<typeof mayResolvePerson>[0], 'userId' | 'nationalId'>>;
  it.each<[string, TableCaller, Parameters<typeof mayResolvePerson>[1], boolean]>([
    ['an OG, its member', { orgKind: 'OG', org: 'CNSS', purposes: ['beneficiary:read'] }, P01, true],
    ["an OG, another OG's member", { orgKind: 'OG', org: 'CNOPS', purposes: ['beneficiary:read'] }, P01, false],
    ['an OG, a person both cover', { orgKind: 'OG', org: 'CNOPS', purposes: ['pathway:read'] }, P05, true],
    ['an OG token without org', { orgKind: 'OG', org: null, purposes: ['beneficiary:read'] }, P01, false],
    ['ANAM, anyone', { orgKind: 'REGULATOR', org: 'ANAM', purposes: ['beneficiary:read'] }, P05, true],
    ['the patient portal, the signed-in person', patient, P01, true],
    ['the patient portal, someone else', patient, P05, false],
    ['the patient portal without a signed-in user', { ...patient, userId: null }, P01, false],
    ['a care client under records:read', { orgKind: 'ESTABLISHMENT', org: 'ZZP00004', purposes: ['records:read'] }, P01, true],
    ['a care client under pathway:read', { orgKind: 'ESTABLISHMENT', org: 'ZZP00004', purposes: ['pathway:read'] }, P01, false],
    [
      'a care client with beneficiary:read besides records:read',
      { orgKind: 'PROFESSIONAL', org: 'ZZP00001', purposes: ['records:read', 'beneficiary:read'] },
      P01,
      false,
    ],
    ['the CNDP inspector', { orgKind: 'DPA', org: 'CNDP', purposes: ['audit:read'] }, P01, false],
    ['the gateway itself', { orgKind: 'GATEWAY', org: null, purposes: ['provider:read'] }, P01, false],
  ])('%s → %s', (_case, caller, person, expected) => {
    expect(mayResolvePerson({ userId: null, ...caller }, person)).toBe(expected);
  });
});
