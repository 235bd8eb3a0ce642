import { describe, expect, it } from 'vitest';
import { careRelationshipOrg } from './care-relationship';

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
    expect(careRelationshipOrg({ orgKind, org })).toBe(expected);
  });
});
