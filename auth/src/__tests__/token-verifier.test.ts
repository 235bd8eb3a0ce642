import { createPublicKey, createHmac } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, TokenRejected, type TokenVerifier } from '../token-verifier';

const ISSUER = 'http://127.0.0.1:8080/realms/cmb';
const AUDIENCE = 'cmb-gateway';
const PURPOSES = ['eligibility:check', 'provider:read'];

let privateKey: KeyLike;
let publicJwk: JWK;
let verifier: TokenVerifier;

function token(
  claims: Record<string, unknown> = {},
  options: { kid?: string; key?: KeyLike; alg?: string; iat?: number; exp?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    azp: 'hopital-zzp00004',
    scope: 'eligibility:check profile',
    org: 'ZZP00004',
    org_kind: 'ESTABLISHMENT',
    jti: 'jti-1',
    // As Keycloak names a client's service account.
    preferred_username: 'service-account-hopital-zzp00004',
    ...claims,
  })
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'key-1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('service-account-hopital-zzp00004')
    .setIssuedAt(options.iat ?? now)
    .setExpirationTime(options.exp ?? now + 300)
    .sign(options.key ?? privateKey);
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function rejects(jwt: string): Promise<string> {
  try {
    await verifier.verify(jwt);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenRejected);
    return (error as TokenRejected).reason;
  }
  throw new Error('token was accepted');
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256' };
  verifier = createTokenVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    knownPurposes: PURPOSES,
    keySet: createLocalJWKSet({ keys: [publicJwk] }),
  });
});

describe('token verification', () => {
  it('accepts a valid token and keeps only known purposes', async () => {
    const identity = await verifier.verify(await token());
    expect(identity).toMatchObject({
      clientId: 'hopital-zzp00004',
      purposes: ['eligibility:check'],
      org: 'ZZP00004',
      orgKind: 'ESTABLISHMENT',
      tokenId: 'jti-1',
      userId: null,
    });
  });

  it("takes a token without a username for a user's, never for a service account's (its own user id, its own rate budget)", async () => {
    for (const username of [undefined, 'p01-amal']) {
      const identity = await verifier.verify(await token({ azp: 'patient-portal', preferred_username: username }));
      expect(identity.userId).not.toBeNull();
      expect(identity.userId).toBe(identity.subject);
    }
    expect((await verifier.verify(await token())).userId).toBeNull();
  });

  it('accepts a clock skew within the tolerance', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(verifier.verify(await token({}, { iat: now - 600, exp: now - 10 }))).resolves.toBeTruthy();
  });

  it.each<[string, () => Promise<string>]>([
    ['expired', () => token({}, { iat: Math.floor(Date.now() / 1000) - 900, exp: Math.floor(Date.now() / 1000) - 120 })],
    ['not yet valid', () => token({ nbf: Math.floor(Date.now() / 1000) + 600 })],
    [
      'of another issuer',
      () =>
        new SignJWT({ azp: 'x' })
          .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
          .setIssuer('http://127.0.0.1:9999/realms/other')
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey),
    ],
    [
      'for another audience',
      () =>
        new SignJWT({ azp: 'x' })
          .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
          .setIssuer(ISSUER)
          .setAudience('account')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey),
    ],
    ['signed with an unknown kid', () => token({}, { kid: 'key-unknown' })],
    ['without a client', () => token({ azp: undefined })],
    [
      'without expiry',
      () =>
        new SignJWT({ azp: 'x' })
          .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .sign(privateKey),
    ],
  ])('refuses a token %s', async (_label, make) => {
    expect(await rejects(await make())).toBeTruthy();
  });

  it('refuses alg none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: ISSUER, aud: AUDIENCE, azp: 'x', iat: now, exp: now + 300 })}.`;
    expect(await rejects(unsigned)).toBeTruthy();
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url({ alg: 'HS256', typ: 'JWT', kid: 'key-1' });
    const payload = base64url({ iss: ISSUER, aud: AUDIENCE, azp: 'x', iat: now, exp: now + 300 });
    const publicPem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const signature = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url');
    expect(await rejects(`${header}.${payload}.${signature}`)).toBeTruthy();
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await token()).split('.');
    const forged = base64url({
      iss: ISSUER,
      aud: AUDIENCE,
      azp: 'og-cnss',
      scope: 'beneficiary:read',
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 300,
    });
    expect(await rejects(`${header}.${forged}.${signature}`)).toBeTruthy();
  });

  it.each(['', 'abc', 'a.b', 'a.b.c.d'])('refuses the malformed token %j', async (jwt) => {
    expect(await rejects(jwt)).toBeTruthy();
  });

  it('refuses a token signed by another key with the same kid (another realm)', async () => {
    const other = await generateKeyPair('RS256');
    expect(await rejects(await token({}, { key: other.privateKey }))).toBeTruthy();
  });

  it('remembers a verified token but not past its expiry', async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = await token({}, { exp: now + 2 });
    await verifier.verify(jwt);
    await expect(verifier.verify(jwt)).resolves.toMatchObject({ clientId: 'hopital-zzp00004' });
  });
});
