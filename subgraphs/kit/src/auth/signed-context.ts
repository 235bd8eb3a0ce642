import { createHash, randomBytes, sign, verify } from 'node:crypto';
import type { Caller } from './caller';
import { CONTEXT_KEY_ID, readContextKey, type ContextPublicKeys } from './context-keys';

/** The header that carries the gateway's signed caller context to subgraphs. */
export const SIGNED_CONTEXT_HEADER = 'x-cmb-context';

/** The JWS `typ` of a caller context: a key that signs contexts signs nothing else a subgraph would take for one. */
const CONTEXT_TYPE = 'cmb-context';

/** Why a subgraph refuses a call: a reason of the error catalogue (all `UNAUTHENTICATED`, HTTP 401). */
export type ContextRefusal =
  | 'GATEWAY_CONTEXT_MISSING'
  | 'GATEWAY_CONTEXT_INVALID'
  | 'GATEWAY_CONTEXT_EXPIRED'
  | 'GATEWAY_CONTEXT_WRONG_SUBGRAPH'
  | 'GATEWAY_CONTEXT_BODY_MISMATCH'
  | 'GATEWAY_CONTEXT_REPLAYED';

/** What verification concluded: the caller the gateway vouches for, or the reason of the refusal. */
export type ContextVerdict = { caller: Caller } | { refused: ContextRefusal };

/** The signed claims: target subgraph, body hash, issue and expiry times (seconds), a random id, the caller. */
interface ContextClaims {
  aud: string;
  bh: string;
  iat: number;
  exp: number;
  /** Unique per context (a random prefix per signer, then a counter): a subgraph takes each context once. Absent from contexts signed before it was added. */
  jti?: string;
  caller: Caller;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** SHA-256 of a request body, base64url: what a context binds the call to. */
export function bodyHash(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('base64url');
}

/** Signs caller contexts with the gateway's private key, one per subgraph call. */
export interface ContextSigner {
  /** The id subgraphs find the public key under. */
  readonly keyId: string;
  /** How long a context is valid after it is signed. */
  readonly ttlSeconds: number;
  /** The header value for one call: this caller, to this subgraph, with this exact body. */
  sign(caller: Caller, subgraph: string, body: string, now?: number): string;
}

/**
 * A signer from the gateway's ES256 private key (PKCS#8 PEM or base64 DER).
 * A context is a compact JWS (`alg` ES256, `kid`, `typ` cmb-context) whose
 * payload names the target subgraph (`aud`), the SHA-256 of the body (`bh`),
 * its issue and expiry times, a unique id (`jti`) and the caller: a subgraph refuses it for
 * another subgraph, with another body, or once expired. Only the gateway
 * holds the private key, so no subgraph can mint a caller for another.
 */
export function contextSigner(options: { keyId: string; privateKey: string; ttlSeconds: number }): ContextSigner {
  if (!CONTEXT_KEY_ID.test(options.keyId)) throw new Error('a key id is 1 to 32 letters, digits, dots, dashes or underscores');
  const key = readContextKey(options.privateKey, 'private');
  const head = base64url(JSON.stringify({ alg: 'ES256', kid: options.keyId, typ: CONTEXT_TYPE }));
  const { ttlSeconds } = options;
  // Context ids: 96 random bits drawn once per signer, then a counter: unique for the signer's life without
  // drawing random bytes per call (which cost the hot path as much as a fifth of the signature).
  const idPrefix = randomBytes(12).toString('base64url');
  let issued = 0;
  return {
    keyId: options.keyId,
    ttlSeconds,
    sign(caller, subgraph, body, now = Date.now()) {
      const iat = Math.floor(now / 1000);
      const claims: ContextClaims = {
        aud: subgraph,
        bh: bodyHash(body),
        iat,
        exp: iat + ttlSeconds,
        jti: `${idPrefix}.${(issued += 1).toString(36)}`,
        caller,
      };
      const input = `${head}.${base64url(JSON.stringify(claims))}`;
      const signature = sign('sha256', Buffer.from(input, 'ascii'), { key, dsaEncoding: 'ieee-p1363' });
      return `${input}.${signature.toString('base64url')}`;
    },
  };
}

/** A JSON object from a base64url segment, or null. */
function segment(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isClaims(value: Record<string, unknown> | null): value is Record<string, unknown> & ContextClaims {
  const caller = value?.caller as Record<string, unknown> | undefined;
  return (
    typeof value?.aud === 'string' &&
    typeof value.bh === 'string' &&
    Number.isFinite(value.iat) &&
    Number.isFinite(value.exp) &&
    (value.jti === undefined || typeof value.jti === 'string') &&
    typeof caller?.clientId === 'string' &&
    Array.isArray(caller.purposes)
  );
}

/** What a subgraph checks a context's header against, before it reads the body. */
export interface ContextHeaderCheck {
  /** The gateway public keys it trusts, by key id. */
  keys: ContextPublicKeys;
  /** Its own name, as the gateway routes to it: a context signed for another subgraph is refused. */
  subgraph: string;
  /** How far apart the gateway's clock and its own may be. */
  clockSkewSeconds: number;
  now?: number;
}

/** What a subgraph checks a context against. */
export interface ContextCheck extends ContextHeaderCheck {
  /** The body it received, exactly: a context signed for another body is refused. */
  body: string;
}

/** A context whose signature, audience and times hold; its body is still to be compared. */
export interface VerifiedContextHeader {
  caller: Caller;
  /** The SHA-256 (base64url) of the body the gateway signed it for. */
  bodyHash: string;
  /** The context's unique id (`jti`), null for a context signed without one. */
  contextId: string | null;
  /** When it stops being taken, clock skew included (ms since the epoch). */
  usableUntilMs: number;
}

/**
 * Verifies a context's header alone: a trusted key's signature, for this
 * subgraph, not expired (nor issued in the future) beyond the clock skew.
 * A subgraph calls it before reading the body, so that an unsigned caller
 * cannot make it read one, and sizes the body by the signed purposes; it then
 * compares the body with {@link matchesSignedBody}.
 */
export function verifyContextHeader(
  header: string | undefined,
  check: ContextHeaderCheck,
): VerifiedContextHeader | { refused: ContextRefusal } {
  if (!header) return { refused: 'GATEWAY_CONTEXT_MISSING' };
  const invalid = { refused: 'GATEWAY_CONTEXT_INVALID' } as const;
  const first = header.indexOf('.');
  const last = header.lastIndexOf('.');
  if (first <= 0 || last <= first + 1 || last === header.length - 1 || header.indexOf('.', first + 1) !== last) return invalid;
  const protectedHeader = segment(header.slice(0, first));
  if (protectedHeader?.alg !== 'ES256' || protectedHeader.typ !== CONTEXT_TYPE || typeof protectedHeader.kid !== 'string') return invalid;
  const key = check.keys.get(protectedHeader.kid);
  if (!key) return invalid;
  const signature = Buffer.from(header.slice(last + 1), 'base64url');
  if (
    signature.length !== 64 ||
    !verify('sha256', Buffer.from(header.slice(0, last), 'ascii'), { key, dsaEncoding: 'ieee-p1363' }, signature)
  )
    return invalid;
  const claims = segment(header.slice(first + 1, last));
  if (!isClaims(claims)) return invalid;
  if (claims.aud !== check.subgraph) return { refused: 'GATEWAY_CONTEXT_WRONG_SUBGRAPH' };
  const now = check.now ?? Date.now();
  const skewMs = check.clockSkewSeconds * 1000;
  if (now > claims.exp * 1000 + skewMs || now < claims.iat * 1000 - skewMs) return { refused: 'GATEWAY_CONTEXT_EXPIRED' };
  return { caller: claims.caller, bodyHash: claims.bh, contextId: claims.jti ?? null, usableUntilMs: claims.exp * 1000 + skewMs };
}

/** True when a body is exactly the one a verified context was signed for. */
export function matchesSignedBody(context: VerifiedContextHeader, body: string): boolean {
  return context.bodyHash === bodyHash(body);
}

/**
 * Verifies the caller context of one call whose body is already read: the
 * header as {@link verifyContextHeader} does, then the body. The caller, or
 * the reason of the refusal.
 */
export function verifyCallerContext(header: string | undefined, check: ContextCheck): ContextVerdict {
  const verified = verifyContextHeader(header, check);
  if ('refused' in verified) return verified;
  if (!matchesSignedBody(verified, check.body)) return { refused: 'GATEWAY_CONTEXT_BODY_MISMATCH' };
  return { caller: verified.caller };
}
