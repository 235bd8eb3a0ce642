import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Identity } from './identity';

/** How tokens are verified: the realm's issuer, the gateway's audience, the allowed algorithms. */
export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Defaults to Keycloak's `<issuer>/protocol/openid-connect/certs`. */
  jwksUrl?: string;
  /** Asymmetric algorithms only: `none` and HMAC are never accepted. */
  algorithms?: string[];
  /** Accepted clock skew, seconds. */
  clockToleranceSeconds?: number;
  /** Least time between two JWKS fetches when an unknown `kid` shows up. */
  jwksCooldownMs?: number;
  /** Purposes a token may carry; other scopes (profile, email) are ignored. */
  knownPurposes: readonly string[];
  /** Verified tokens kept to skip repeated signature checks (bounded). */
  cacheSize?: number;
  /** A key set, instead of fetching the issuer's (tests). */
  keySet?: JWTVerifyGetKey;
}

/** Why a token was refused; the reason is logged, never sent to the client in detail. */
export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Verifies bearer tokens; throws {@link TokenRejected} for any token it does not accept. */
export interface TokenVerifier {
  verify(token: string): Promise<Identity>;
}

function claim(payload: JWTPayload, name: string): string | null {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function toIdentity(payload: JWTPayload, known: ReadonlySet<string>): Identity {
  const clientId = claim(payload, 'azp') ?? claim(payload, 'client_id');
  if (!clientId) throw new TokenRejected('token names no client (azp)');
  const scopes = (claim(payload, 'scope') ?? '').split(' ').filter((scope) => known.has(scope));
  const subject = payload.sub ?? clientId;
  // Only Keycloak's service accounts are named `service-account-<client>`: a user's token without a username is still a
  // user's (its own user id, so its own rate budget and consent), never one client's shared account.
  const serviceAccount = claim(payload, 'preferred_username')?.startsWith('service-account-') ?? false;
  return {
    clientId,
    subject,
    purposes: scopes,
    org: claim(payload, 'org'),
    orgKind: claim(payload, 'org_kind'),
    tokenId: claim(payload, 'jti'),
    userId: serviceAccount ? null : subject,
    nationalId: claim(payload, 'national_id'),
    expiresAt: payload.exp ?? 0,
  };
}

/**
 * Verifies access tokens against the realm's JWKS with `jose`: signature,
 * issuer, audience, expiry and not-before (bounded clock skew), an
 * asymmetric algorithm allow-list. Keys are cached and refetched on an
 * unknown `kid` at most once per cooldown. Verified tokens are remembered
 * until they expire (bounded), so the hot path rarely checks a signature.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keySet =
    options.keySet ??
    createRemoteJWKSet(new URL(options.jwksUrl ?? `${options.issuer}/protocol/openid-connect/certs`), {
      cooldownDuration: options.jwksCooldownMs ?? 30_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 3_000,
    });
  const known = new Set(options.knownPurposes);
  const cache = new Map<string, Identity>();
  const limit = options.cacheSize ?? 10_000;
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: options.algorithms ?? ['RS256', 'PS256', 'ES256'],
    clockTolerance: options.clockToleranceSeconds ?? 30,
    requiredClaims: ['exp', 'iat'],
  };
  return {
    async verify(token: string): Promise<Identity> {
      const cached = cache.get(token);
      if (cached && cached.expiresAt + verifyOptions.clockTolerance > Date.now() / 1000) return cached;
      if (cached) cache.delete(token);
      try {
        const { payload } = await jwtVerify(token, keySet, verifyOptions);
        const identity = toIdentity(payload, known);
        if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
        cache.set(token, identity);
        return identity;
      } catch (error) {
        if (error instanceof TokenRejected) throw error;
        if (error instanceof errors.JOSEError) throw new TokenRejected(error.code);
        throw new TokenRejected(error instanceof Error ? error.message : 'unverifiable token');
      }
    },
  };
}
