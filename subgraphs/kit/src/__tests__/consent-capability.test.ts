import { describe, expect, it } from 'vitest';
import { consentCapabilitySecretFrom, DEV_CONSENT_CAPABILITY_SECRET, issueConsentCapability, verifyConsentCapability } from '../index';

const SECRET = 'a-consent-capability-secret-of-32-characters';

describe('the consent capability key', () => {
  it('is its own secret, not the caller context key', () => {
    const secret = consentCapabilitySecretFrom(SECRET, true, 'beneficiaries');
    expect(secret).toEqual(Buffer.from(SECRET, 'utf8'));
    const capability = issueConsentCapability(secret, 'ref-1', 'user-1');
    expect(verifyConsentCapability(Buffer.from(SECRET, 'utf8'), 'ref-1', 'user-1', capability)).toBe(true);
  });

  it('has a development default outside production', () => {
    expect(consentCapabilitySecretFrom(undefined, false, 'beneficiaries')).toEqual(Buffer.from(DEV_CONSENT_CAPABILITY_SECRET, 'utf8'));
  });

  it.each([
    [undefined, /CONSENT_CAPABILITY_SECRET must be set in production \(medical-records\)/],
    [DEV_CONSENT_CAPABILITY_SECRET, /development consent capability secret is refused/],
    ['too short', /at least 32 characters/],
  ])('refuses %s in production', (value, message) => {
    expect(() => consentCapabilitySecretFrom(value, true, 'medical-records')).toThrowError(message);
  });
});
