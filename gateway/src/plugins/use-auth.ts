import type { IncomingMessage } from 'node:http';
import { TokenRejected, type Identity, type TokenVerifier } from '@cmb/auth';
import { PURPOSES, type Caller } from '@cmb/kit';

/** Why a request is unauthenticated, for the log line (never sent to the client in detail). */
export class AuthenticationFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

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

/** Establishes the caller of a request, or throws {@link AuthenticationFailed}. */
export type Authenticate = (req: IncomingMessage, requestId: string) => Promise<Caller>;

/**
 * Authentication at the edge, before any parsing or subgraph call: the
 * bearer token must verify against the realm (see `@cmb/auth`). With
 * `AUTH_MODE=off` (benchmarks, never production) every request acts as an
 * anonymous caller holding every purpose.
 */
export function useAuth(verifier: TokenVerifier | null): Authenticate {
  if (!verifier) {
    return async (_req, requestId) => ({
      clientId: 'auth-off',
      org: null,
      orgKind: null,
      purposes: [...PURPOSES],
      tokenId: null,
      userId: null,
      nationalId: null,
      requestId,
    });
  }
  return async (req, requestId) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
    if (!match?.[1]) throw new AuthenticationFailed(header ? 'malformed authorization header' : 'no bearer token');
    try {
      return callerOf(await verifier.verify(match[1]), requestId);
    } catch (error) {
      throw new AuthenticationFailed(error instanceof TokenRejected ? error.reason : 'token verification failed');
    }
  };
}
