import { randomUUID } from 'node:crypto';
import { TokenRejected, type Identity, type TokenVerifier } from '@cmb/auth';
import { PURPOSES, refusal, type Caller } from '@cmb/kit';
import type { GatewayMetrics } from '../../metrics/gateway-metrics';
import type { RateLimiter } from '../../rate-limiting/rate-limiter';
import { sourceKeyOf, type ClientAddress } from '../../server/client-address';
import type { HttpStep } from '../steps';

/** The bearer token of an `Authorization` header (RFC 6750 token68), or null. */
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

/** A caller from a verified identity and the request id, with a fresh id for the request's audit event. */
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
    eventId: randomUUID(),
  };
}

/** Why a request is unauthenticated, as a bounded metrics label (the detail never leaves the process). */
type Unauthenticated = 'missing' | 'malformed' | 'rejected';

/**
 * Authentication at the edge, before the body is read or anything parsed:
 * the bearer token must verify against the realm (see `@cmb/auth`), else 401
 * `UNAUTHENTICATED`. A flood of them is counted in the metrics by kind, not
 * logged line by line, and held per client address (429 beyond its rate;
 * behind trusted proxies the address they forward, see `clientAddressOf`). A
 * token that carries several purposes is refused (403, reason
 * `SINGLE_PURPOSE_REQUIRED`): a request acts under one purpose. With no
 * verifier (`AUTH_MODE=off`: benchmarks, never production) every request
 * acts as an anonymous caller holding every purpose.
 */
export function authenticate(
  verifier: TokenVerifier | null,
  options: { metrics: GatewayMetrics; sources: RateLimiter; clientAddress: ClientAddress },
): HttpStep {
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
        eventId: randomUUID(),
      };
    };
  }
  /** Throws `refused`, counted against the source address (no client's own limit applies yet): `RATE_LIMITED` once that is spent. */
  const refuseAtSource = async (exchange: Parameters<HttpStep>[0], refused: () => Error): Promise<never> => {
    const wait = await options.sources.take(`source:${sourceKeyOf(options.clientAddress(exchange.req))}`);
    if (wait !== null)
      throw refusal('RATE_LIMITED', { seconds: wait }, { language: exchange.language, headers: { 'retry-after': String(wait) } });
    throw refused();
  };
  const refuse = (exchange: Parameters<HttpStep>[0], kind: Unauthenticated): Promise<never> => {
    options.metrics.unauthenticated.inc({ kind });
    return refuseAtSource(exchange, () =>
      refusal(
        'UNAUTHENTICATED',
        {},
        { language: exchange.language, headers: { 'www-authenticate': 'Bearer realm="cmb", error="invalid_token"' } },
      ),
    );
  };
  return async (exchange) => {
    const header = exchange.req.headers.authorization;
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    if (!token) return refuse(exchange, header ? 'malformed' : 'missing');
    let identity: Identity;
    try {
      identity = await verifier.verify(token);
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      return refuse(exchange, 'rejected');
    }
    if (identity.purposes.length > 1)
      return refuseAtSource(exchange, () => refusal('SINGLE_PURPOSE_REQUIRED', {}, { language: exchange.language }));
    exchange.caller = callerOf(identity, exchange.requestId);
  };
}
