import { TokenRejected, type Identity, type TokenVerifier } from '@cmb/auth';
import { PURPOSES, refusal, type Caller, type Logger } from '@cmb/kit';
import type { HttpStep } from '../steps';

/** The bearer token of an `Authorization` header (RFC 6750 token68), or null. */
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

/** A caller from a verified identity and the request id. */
function callerOf(identity: Identity, requestId: string): Caller {
  return {
    clientId: identity.clientId,
    org: identity.org,
    orgKind: identity.orgKind,
    purposes: identity.purposes,
    tokenId: identity.tokenId,
    userId: identity.userId,
    // Only a patient portal token carries a national id; it lets the registry answer `me`.
    nationalId: identity.orgKind === 'PATIENT_PORTAL' ? identity.nationalId : null,
    requestId,
  };
}

/**
 * Authentication at the edge, before the body is read or anything parsed:
 * the bearer token must verify against the realm (see `@cmb/auth`), else 401
 * `UNAUTHENTICATED` (the reason is logged with the request id, never sent).
 * With no verifier (`AUTH_MODE=off`: benchmarks, never production) every
 * request acts as an anonymous caller holding every purpose.
 */
export function authenticate(verifier: TokenVerifier | null, logger: Logger): HttpStep {
  if (!verifier) {
    return (exchange) => {
      exchange.caller = {
        clientId: 'auth-off',
        org: null,
        orgKind: null,
        purposes: [...PURPOSES],
        tokenId: null,
        userId: null,
        nationalId: null,
        requestId: exchange.requestId,
      };
    };
  }
  return async (exchange) => {
    const header = exchange.req.headers.authorization;
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    let reason: string;
    if (token) {
      try {
        exchange.caller = callerOf(await verifier.verify(token), exchange.requestId);
        return;
      } catch (error) {
        reason = error instanceof TokenRejected ? error.reason : 'token verification failed';
      }
    } else {
      reason = header ? 'malformed authorization header' : 'no bearer token';
    }
    logger.info({ requestId: exchange.requestId, reason }, 'unauthenticated request refused');
    throw refusal(
      'UNAUTHENTICATED',
      {},
      { language: exchange.language, headers: { 'www-authenticate': 'Bearer realm="cmb", error="invalid_token"' } },
    );
  };
}
