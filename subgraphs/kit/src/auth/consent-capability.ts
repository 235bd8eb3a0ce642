import { createHmac, timingSafeEqual } from 'node:crypto';

function mac(secret: Buffer, personRef: string, userId: string): Buffer {
  return createHmac('sha256', secret).update(`consent:${personRef}:${userId}`).digest();
}

/**
 * The capability that lets a signed-in insured person manage the consent of
 * their own record in medical-records, which knows persons by `ref` only:
 * the beneficiaries subgraph issues it for `me` (the person whose national id
 * the token carries), bound to the person and to the portal user, keyed with
 * the secret the gateway and the subgraphs share. HMAC-SHA256, base64url.
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
