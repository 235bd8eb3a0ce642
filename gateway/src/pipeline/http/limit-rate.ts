import { refusal } from '@cmb/kit';
import type { TokenBuckets } from '../../rate-limiting/token-buckets';
import type { HttpStep } from '../steps';

/** Holds each client to its rate (429 `RATE_LIMITED` with `Retry-After`), before its body is read. */
export function limitRate(buckets: TokenBuckets): HttpStep {
  return (exchange) => {
    const caller = exchange.caller;
    if (!caller) return;
    const wait = buckets.take(caller.clientId);
    if (wait === null) return;
    throw refusal('RATE_LIMITED', { seconds: wait }, { language: exchange.language, headers: { 'retry-after': String(wait) } });
  };
}
