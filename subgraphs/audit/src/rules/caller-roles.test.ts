import type { Caller } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import auditRules from '../reference-data/audit-rules.json';
import { isAuditOfficer, isPatientPortalCaller, mayReviewBreakGlass, officerScope, reviewerOf, signedInNationalId } from './caller-roles';

type Who = Pick<Caller, 'orgKind' | 'nationalId'> & { org?: string | null };
const rules = auditRules.officers;

const OFFICER_ANAM: Who = { orgKind: 'REGULATOR', org: 'ANAM', nationalId: null };
const OFFICER_CNSS: Who = { orgKind: 'OG', org: 'CNSS', nationalId: null };
const CNDP: Who = { orgKind: 'DPA', org: 'CNDP', nationalId: null };
const PATIENT: Who = { orgKind: 'PATIENT_PORTAL', nationalId: 'ZZ000001' };
const PORTAL_WITHOUT_ID: Who = { orgKind: 'PATIENT_PORTAL', nationalId: null };
const STRAY_NATIONAL_ID: Who = { orgKind: 'REGULATOR', nationalId: 'ZZ000001' };
const HOSPITAL: Who = { orgKind: 'ESTABLISHMENT', nationalId: null };
const NO_KIND: Who = { orgKind: null, nationalId: null };

describe('who may do what with the audit trail', () => {
  it.each<[string, Who, { patient: boolean; officer: boolean; reviewer: boolean; self: string | null }]>([
    ['an ANAM security officer', OFFICER_ANAM, { patient: false, officer: true, reviewer: true, self: null }],
    [
      "an insurer's security officer (reads, does not review)",
      OFFICER_CNSS,
      { patient: false, officer: true, reviewer: false, self: null },
    ],
    ['the CNDP inspector (read-only)', CNDP, { patient: false, officer: true, reviewer: false, self: null }],
    ['a signed-in insured person', PATIENT, { patient: true, officer: false, reviewer: false, self: 'ZZ000001' }],
    ['the patient portal without a person', PORTAL_WITHOUT_ID, { patient: true, officer: false, reviewer: false, self: null }],
    ['any caller whose token carries a national id', STRAY_NATIONAL_ID, { patient: true, officer: false, reviewer: false, self: null }],
    ['an establishment', HOSPITAL, { patient: false, officer: false, reviewer: false, self: null }],
    ['a caller of no kind', NO_KIND, { patient: false, officer: false, reviewer: false, self: null }],
  ])('%s', (_who, caller, expected) => {
    expect({
      patient: isPatientPortalCaller(caller),
      officer: isAuditOfficer(caller, rules),
      reviewer: mayReviewBreakGlass(caller, rules),
      self: signedInNationalId(caller),
    }).toEqual(expected);
  });

  it("gives ANAM and the CNDP the whole trail, an insurer's officer its own members and staff, nobody else anything", () => {
    expect(officerScope({ ...OFFICER_ANAM, org: 'ANAM' }, rules)).toEqual({ scope: undefined });
    expect(officerScope({ ...CNDP, org: 'CNDP' }, rules)).toEqual({ scope: undefined });
    expect(officerScope({ ...OFFICER_CNSS, org: 'CNSS' }, rules)).toEqual({ scope: { organism: 'CNSS' } });
    expect(officerScope({ ...OFFICER_CNSS, org: null }, rules)).toBeNull();
    expect(officerScope({ ...HOSPITAL, org: 'ZZP00004' }, rules)).toBeNull();
    expect(officerScope({ ...PATIENT, org: 'PATIENT_PORTAL' }, rules)).toBeNull();
  });

  it('names the reviewer by user, else by client', () => {
    expect(reviewerOf({ userId: 'kc-officer', clientId: 'officer-console' })).toBe('kc-officer');
    expect(reviewerOf({ userId: null, clientId: 'cndp-inspector' })).toBe('cndp-inspector');
  });
});
