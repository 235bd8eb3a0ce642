import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isS256Challenge, pkceVerifierMatches } from './pkce';

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

describe('PKCE (S256 only)', () => {
  it.each([
    ['the verifier of the challenge', VERIFIER, true],
    ['another verifier', `${VERIFIER.slice(0, -1)}A`, false],
    ['the challenge itself (plain method)', CHALLENGE, false],
    ['a short verifier', 'abc', false],
    ['no verifier', null, false],
    ['a verifier with a forbidden character', `${VERIFIER.slice(0, -1)}!`, false],
  ])('%s', (_why, verifier, expected) => {
    expect(pkceVerifierMatches(verifier, CHALLENGE)).toBe(expected);
  });

  it('recognises the RFC 7636 example challenge', () => {
    expect(CHALLENGE).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(isS256Challenge(CHALLENGE)).toBe(true);
    expect(isS256Challenge('short')).toBe(false);
    expect(isS256Challenge(null)).toBe(false);
  });
});
