import { issueConsentCapability } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { mayManageConsent } from './consent-authority';

const SECRET = Buffer.from('a-test-secret-of-at-least-32-characters!!');
const OTHER_SECRET = Buffer.from('another-secret-of-at-least-32-characters!');
const REF = '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b';
const OTHER_REF = '6fa459ea-ee8a-4ca4-894e-db77e160355e';
const capability = issueConsentCapability(SECRET, REF, 'user-1');

describe('mayManageConsent', () => {
  it.each<[string, { orgKind: string | null; userId: string | null }, string, string, Buffer, boolean]>([
    ['the signed-in person with their capability', { orgKind: 'PATIENT_PORTAL', userId: 'user-1' }, REF, capability, SECRET, true],
    ['another portal user with the same capability', { orgKind: 'PATIENT_PORTAL', userId: 'user-2' }, REF, capability, SECRET, false],
    [
      "the capability presented for another person's record",
      { orgKind: 'PATIENT_PORTAL', userId: 'user-1' },
      OTHER_REF,
      capability,
      SECRET,
      false,
    ],
    [
      'a capability keyed with another secret',
      { orgKind: 'PATIENT_PORTAL', userId: 'user-1' },
      REF,
      issueConsentCapability(OTHER_SECRET, REF, 'user-1'),
      SECRET,
      false,
    ],
    ['a truncated capability', { orgKind: 'PATIENT_PORTAL', userId: 'user-1' }, REF, capability.slice(0, -2), SECRET, false],
    ['an empty capability', { orgKind: 'PATIENT_PORTAL', userId: 'user-1' }, REF, '', SECRET, false],
    ['garbage', { orgKind: 'PATIENT_PORTAL', userId: 'user-1' }, REF, '%%%not base64%%%', SECRET, false],
    ['a portal service call without a user', { orgKind: 'PATIENT_PORTAL', userId: null }, REF, capability, SECRET, false],
    ['an establishment holding a valid capability', { orgKind: 'ESTABLISHMENT', userId: 'user-1' }, REF, capability, SECRET, false],
    ['an officer', { orgKind: 'REGULATOR', userId: 'user-1' }, REF, capability, SECRET, false],
  ])('%s → %s', (_case, caller, personRef, given, secret, expected) => {
    expect(mayManageConsent(caller, personRef, given, secret)).toBe(expected);
  });
});
