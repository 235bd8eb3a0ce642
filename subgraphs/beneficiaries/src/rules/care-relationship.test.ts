import { careGiverOrg } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import pointerRules from '../../../medical-records/src/reference-data/pointer-rules.json';
import eligibilityRules from '../reference-data/eligibility-rules.json';
import { decisionAnsweredTo, relationshipOpenedBy, type CheckedDecision } from './care-relationship';

describe('whose care relationship a request records and reads', () => {
  it.each<[string | null, string | null, string | null]>([
    ['ESTABLISHMENT', 'ZZP00004', 'ZZP00004'],
    ['PROFESSIONAL', 'ZZP00001', 'ZZP00001'],
    ['ESTABLISHMENT', null, null],
    ['PROFESSIONAL', '', null],
    ['OG', 'CNSS', null],
    ['REGULATOR', 'ANAM', null],
    ['PATIENT_PORTAL', 'PATIENT_PORTAL', null],
    ['DPA', 'CNDP', null],
    [null, 'ZZP00001', null],
  ])('%s %s → %s', (orgKind, org, expected) => {
    expect(careGiverOrg({ orgKind, org })).toBe(expected);
  });
});

describe('the care relationship is earned: an ELIGIBLE check, by the caller itself, of a provider that gives care', () => {
  const HOSPITAL = { orgKind: 'ESTABLISHMENT', org: 'ZZP00004' };
  const eligible: CheckedDecision = { checkedBy: 'ZZP00004', outcome: 'ELIGIBLE', provider: { givesCare: true } };
  it.each<[string, { orgKind: string | null; org: string | null }, CheckedDecision, string | null]>([
    ['an ELIGIBLE check by the hospital', HOSPITAL, eligible, 'ZZP00004'],
    ['by a professional', { orgKind: 'PROFESSIONAL', org: 'ZZP00001' }, { ...eligible, checkedBy: 'ZZP00001' }, 'ZZP00001'],
    ['no active rights', HOSPITAL, { ...eligible, outcome: 'NO_ACTIVE_RIGHTS' }, null],
    ['suspended', HOSPITAL, { ...eligible, outcome: 'SUSPENDED' }, null],
    ['not found', HOSPITAL, { ...eligible, outcome: 'NOT_FOUND' }, null],
    ['provider not authorised', HOSPITAL, { ...eligible, outcome: 'PROVIDER_NOT_AUTHORIZED' }, null],
    ['out of pathway', HOSPITAL, { ...eligible, outcome: 'OUT_OF_PATHWAY' }, null],
    [
      'a pharmacy (dispenses, gives no care)',
      { orgKind: 'ESTABLISHMENT', org: 'ZZP00002' },
      { ...eligible, checkedBy: 'ZZP00002', provider: { givesCare: false } },
      null,
    ],
    ['the providers registry did not answer', HOSPITAL, { ...eligible, provider: null }, null],
    ['a providers registry that does not say', HOSPITAL, { ...eligible, provider: {} }, null],
    ['a decision made by another organisation', { orgKind: 'ESTABLISHMENT', org: 'ZZP00010' }, eligible, null],
    ['a decision sealed without an organisation', HOSPITAL, { ...eligible, checkedBy: null }, null],
    ['an OG', { orgKind: 'OG', org: 'CNSS' }, { ...eligible, checkedBy: 'CNSS' }, null],
    ['the regulator', { orgKind: 'REGULATOR', org: 'ANAM' }, { ...eligible, checkedBy: 'ANAM' }, null],
  ])('%s → %s', (_case, caller, decision, expected) => {
    expect(relationshipOpenedBy(caller, decision)).toBe(expected);
  });

  it('keeps a relationship at least as long as medical-records counts one (pointer-rules.json, careRelationshipDays)', () => {
    expect(eligibilityRules.careRelationship.retentionDays).toBeGreaterThanOrEqual(pointerRules.access.careRelationshipDays);
  });
});

describe('a decision is answered to the organisation that made the check', () => {
  it.each<[string, { orgKind: string | null; org: string | null }, string | null, boolean]>([
    ['the hospital, its own check', { orgKind: 'ESTABLISHMENT', org: 'ZZP00004' }, 'ZZP00004', true],
    ["the clinic, the hospital's check", { orgKind: 'ESTABLISHMENT', org: 'ZZP00010' }, 'ZZP00004', false],
    ["a professional, the hospital's check", { orgKind: 'PROFESSIONAL', org: 'ZZP00001' }, 'ZZP00004', false],
    ['a caller without care relationships, a check sealed as none', { orgKind: 'REGULATOR', org: 'ANAM' }, null, true],
    ["a caller without care relationships, a hospital's check", { orgKind: 'REGULATOR', org: 'ANAM' }, 'ZZP00004', false],
    ['a care client, a check sealed as none', { orgKind: 'ESTABLISHMENT', org: 'ZZP00004' }, null, false],
  ])('%s → %s', (_case, caller, checkedBy, expected) => {
    expect(decisionAnsweredTo(caller, checkedBy)).toBe(expected);
  });
});
