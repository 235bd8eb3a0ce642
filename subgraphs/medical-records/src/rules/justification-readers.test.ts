import { describe, expect, it } from 'vitest';
import { mayReadJustification } from './justification-readers';

const READERS = [{ org: 'ANAM', orgKind: 'REGULATOR' }];
const officer = { org: 'ANAM', orgKind: 'REGULATOR', purposes: ['audit:read'], nationalId: null, userId: 'kc-officer-anam' };

describe('who reads a break-glass justification', () => {
  it.each([
    ['an ANAM security officer', officer, true],
    ["an insurer's officer", { ...officer, org: 'CNSS', orgKind: 'OG' }, false],
    ['the CNDP', { ...officer, org: 'CNDP', orgKind: 'DPA' }, false],
    ['the insured person', { ...officer, org: 'PATIENT_PORTAL', orgKind: 'PATIENT_PORTAL', nationalId: 'ZZ000001' }, false],
    ['a patient portal token naming ANAM', { ...officer, nationalId: 'ZZ000001' }, false],
    [
      'the hospital that broke the glass',
      { ...officer, org: 'ZZP00004', orgKind: 'ESTABLISHMENT', purposes: ['records:break-glass'] },
      false,
    ],
    ['ANAM under another purpose', { ...officer, purposes: ['statistics:read'] }, false],
    ['an ANAM service account', { ...officer, userId: null }, false],
  ])('%s', (_who, caller, expected) => {
    expect(mayReadJustification(caller, READERS)).toBe(expected);
  });
});
