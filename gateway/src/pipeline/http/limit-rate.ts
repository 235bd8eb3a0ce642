import { refusal, type Caller } from '@cmb/kit';
import type { RateLimiter } from '../../rate-limiting/rate-limiter';
import type { HttpStep } from '../steps';

/**
 * The bucket a caller draws from: the signed-in user (a person on the patient
 * portal, an officer on the officer console: one client serves every person,
 * and officers of every organisation, so that none exhausts the others'
 * requests), else the client (a service account).
 */
export function rateKeyOf(caller: Caller): string {
  return caller.userId ? `user:${caller.clientId}:${caller.userId}` : `client:${caller.clientId}`;
}

/** Holds each client, and each user signed in (patient portal, officer console), to its rate (429 `RATE_LIMITED` with `Retry-After`), before its body is read. */
export function limitRate(buckets: RateLimiter): HttpStep {
  return async (exchange) => {
    const caller = exchange.caller;
    if (!caller) return;
    const wait = await buckets.take(rateKeyOf(caller));
    if (wait === null) return;
    throw refusal('RATE_LIMITED', { seconds: wait }, { language: exchange.language, headers: { 'retry-after': String(wait) } });
  };
}
