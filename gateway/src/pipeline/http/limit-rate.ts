import { refusal, type Caller } from '@cmb/kit';
import type { RateLimiter } from '../../rate-limiting/rate-limiter';
import type { HttpStep } from '../steps';

/**
 * The bucket a caller draws from: the signed-in person on the patient portal
 * (one portal serves every insured person), else the client.
 */
export function rateKeyOf(caller: Caller): string {
  return caller.orgKind === 'PATIENT_PORTAL' && caller.userId ? `person:${caller.clientId}:${caller.userId}` : `client:${caller.clientId}`;
}

/** Holds each client, and each person signed in on the patient portal, to its rate (429 `RATE_LIMITED` with `Retry-After`), before its body is read. */
export function limitRate(buckets: RateLimiter): HttpStep {
  return async (exchange) => {
    const caller = exchange.caller;
    if (!caller) return;
    const wait = await buckets.take(rateKeyOf(caller));
    if (wait === null) return;
    throw refusal('RATE_LIMITED', { seconds: wait }, { language: exchange.language, headers: { 'retry-after': String(wait) } });
  };
}
