import type { Caller } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { testCaller } from '../../../test/support/test-caller';
import { rateKeyOf } from '../pipeline/http/limit-rate';

const OFFICER_CONSOLE = { clientId: 'officer-console', purposes: ['audit:read'] };

describe('the bucket a caller draws from', () => {
  it.each<[string, Partial<Caller>, Partial<Caller>]>([
    [
      "an OG's officer and ANAM's, both on the officer console",
      { ...OFFICER_CONSOLE, org: 'CNSS', orgKind: 'OG', userId: 'kc-officer-cnss' },
      { ...OFFICER_CONSOLE, org: 'ANAM', orgKind: 'REGULATOR', userId: 'kc-officer-anam' },
    ],
    [
      'two officers of one organisation on the officer console',
      { ...OFFICER_CONSOLE, org: 'ANAM', orgKind: 'REGULATOR', userId: 'kc-officer-anam' },
      { ...OFFICER_CONSOLE, org: 'ANAM', orgKind: 'REGULATOR', userId: 'kc-regulator-anam' },
    ],
    [
      'two insured persons on the patient portal',
      { clientId: 'patient-portal', orgKind: 'PATIENT_PORTAL', userId: 'kc-p01' },
      { clientId: 'patient-portal', orgKind: 'PATIENT_PORTAL', userId: 'kc-p02' },
    ],
    [
      'two service accounts',
      { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', userId: null },
      { clientId: 'og-cnops', org: 'CNOPS', orgKind: 'OG', userId: null },
    ],
  ])('gives %s buckets of their own', (_who, one, other) => {
    expect(rateKeyOf(testCaller(one))).not.toBe(rateKeyOf(testCaller(other)));
  });

  it('gives a service account one bucket, whatever the token', () => {
    const account = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', userId: null };
    expect(rateKeyOf(testCaller({ ...account, tokenId: 'jti-1' }))).toBe(rateKeyOf(testCaller({ ...account, tokenId: 'jti-2' })));
  });

  it('gives a signed-in user one bucket, whatever the token', () => {
    const officer = { ...OFFICER_CONSOLE, org: 'ANAM', orgKind: 'REGULATOR', userId: 'kc-officer-anam' };
    expect(rateKeyOf(testCaller({ ...officer, tokenId: 'jti-1' }))).toBe(rateKeyOf(testCaller({ ...officer, tokenId: 'jti-2' })));
  });
});
