import { sharedSecretFrom } from './shared-secret';
import { createHmac, timingSafeEqual } from 'node:crypto';

function mac(secret: Buffer, personRef: string, userId: string): Buffer {
  return createHmac('sha256', secret).update(`consent:${personRef}:${userId}`).digest();
}

/**
 * The capability that lets a signed-in insured person manage the consent of
 * their own record in medical-records, which knows persons by `ref` only:
 * the beneficiaries subgraph issues it for `me` (the person whose national id
 * the token carries), bound to the person and to the portal user, keyed with
 * `CONSENT_CAPABILITY_SECRET`, a secret of those two subgraphs only (neither
 * the gateway nor any other subgraph holds it). HMAC-SHA256, base64url.
 */
export function issueConsentCapability(secret: Buffer, personRef: string, userId: string): string {
  return mac(secret, personRef, userId).toString('base64url');
}

/** True when the capability was issued for this person and this portal user (constant-time comparison). */
export function verifyConsentCapability(secret: Buffer, personRef: string, userId: string, capability: string): boolean {
  const given = Buffer.from(capability, 'base64url');
  const expected = mac(secret, personRef, userId);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Development-only consent capability secret; production refuses it. */
export const DEV_CONSENT_CAPABILITY_SECRET = 'development-only-consent-capability-secret-0001';

/**
 * The key of the consent capability from `CONSENT_CAPABILITY_SECRET` (read by
 * beneficiaries and medical-records): the development default outside
 * production; in production its own secret of 32+ characters, never the
 * development one.
 */
export function consentCapabilitySecretFrom(value: string | undefined, production: boolean, owner: string): Buffer {
  return sharedSecretFrom(
    {
      variable: 'CONSENT_CAPABILITY_SECRET',
      what: 'consent capability secret',
      heldBy: 'beneficiaries and medical-records only',
      development: DEV_CONSENT_CAPABILITY_SECRET,
    },
    value,
    production,
    owner,
  );
}
