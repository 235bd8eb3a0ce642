import { createHash, timingSafeEqual } from 'node:crypto';

/** A PKCE code verifier: 43 to 128 characters of the unreserved set (RFC 7636). */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A S256 code challenge: the base64url SHA-256 of a verifier (43 characters). */
const CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

/** True for a well-formed S256 code challenge. */
export function isS256Challenge(challenge: string | null): challenge is string {
  return challenge !== null && CHALLENGE.test(challenge);
}

/** True when the verifier is well formed and its S256 hash is the challenge (compared in constant time). */
export function pkceVerifierMatches(verifier: string | null, challenge: string): boolean {
  if (!verifier || !VERIFIER.test(verifier)) return false;
  const computed = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
