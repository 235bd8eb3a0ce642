import { createHmac, timingSafeEqual } from 'node:crypto';

function mac(secret: Buffer, decisionId: string, personRef: string, org: string | null): Buffer {
  return createHmac('sha256', secret)
    .update(`decision:${decisionId}:${personRef}:${org ?? ''}`)
    .digest();
}

/**
 * The proof that a decision's person reference comes from hop 1 of an
 * eligibility check made by this organisation: beneficiaries issues it with
 * the decision (`personRefProof`, internal to the federation), and the
 * subgraphs that serve a person's data for that decision (care-pathways'
 * pathway facts) verify it against their own caller, so a person reference
 * written by hand, taken from another organisation's check or moved to
 * another decision serves nothing. HMAC-SHA256 under the secret the gateway
 * and the subgraphs share, base64url.
 */
export function issueDecisionProof(secret: Buffer, decisionId: string, personRef: string, org: string | null): string {
  return mac(secret, decisionId, personRef, org).toString('base64url');
}

/** True when the proof was issued for this decision, person and organisation (constant-time comparison). */
export function verifyDecisionProof(secret: Buffer, proof: unknown, decisionId: string, personRef: string, org: string | null): boolean {
  if (typeof proof !== 'string') return false;
  const given = Buffer.from(proof, 'base64url');
  const expected = mac(secret, decisionId, personRef, org);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
