/**
 * Draws one request from a key's bucket: null when the request may go, else
 * the whole seconds to wait (for `Retry-After`). The in-memory buckets answer
 * at once; the shared ones after one round trip to their store.
 */
export interface RateLimiter {
  take(key: string): number | null | Promise<number | null>;
}
