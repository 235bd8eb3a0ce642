import { createHmac, timingSafeEqual } from 'node:crypto';

function mac(secret: Buffer, personRef: string, org: string, lastCheckOn: string): Buffer {
  return createHmac('sha256', secret).update(`care-relationship:${personRef}:${org}:${lastCheckOn}`).digest();
}

/**
 * The proof that a care relationship is the one beneficiaries keeps for this
 * person and organisation on this day: beneficiaries issues it with
 * `Person.careRelationship` (internal to the federation), and medical-records
 * counts a relationship only when the proof holds for its own caller, so a
 * relationship written by hand into a `Person` representation, another
 * organisation's, or one moved to another day opens no record. HMAC-SHA256
 * under the secret the gateway and the subgraphs share, base64url.
 */
export function issueCareRelationshipProof(secret: Buffer, personRef: string, org: string, lastCheckOn: string): string {
  return mac(secret, personRef, org, lastCheckOn).toString('base64url');
}

/** True when the proof was issued for this person, organisation and day (constant-time comparison). */
export function verifyCareRelationshipProof(
  secret: Buffer,
  proof: unknown,
  personRef: string,
  org: string | null,
  lastCheckOn: unknown,
): boolean {
  if (typeof proof !== 'string' || typeof lastCheckOn !== 'string' || !org) return false;
  const given = Buffer.from(proof, 'base64url');
  const expected = mac(secret, personRef, org, lastCheckOn);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
