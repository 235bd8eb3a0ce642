import type { RateLimiter } from './rate-limiter';

/** Rate and burst allowed to each client, from configuration. */
export interface RateLimitSettings {
  /** Requests per second, sustained. */
  ratePerSecond: number;
  /** Requests allowed at once above the rate. */
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per client of this gateway instance: `take` answers null
 * when the request may go, else the seconds to wait (for `Retry-After`).
 * Buckets idle long enough to be full again are dropped, so memory stays
 * bounded by the active clients.
 */
export class TokenBuckets implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private sweptAt = 0;

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(clientId: string): number | null {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(clientId) ?? { tokens: this.settings.burst, updatedAt: now };
    bucket.tokens = Math.min(this.settings.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.settings.ratePerSecond);
    bucket.updatedAt = now;
    this.buckets.set(clientId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.settings.ratePerSecond));
  }

  private sweep(now: number): void {
    const refill = (this.settings.burst / this.settings.ratePerSecond) * 1000;
    if (now - this.sweptAt < refill) return;
    this.sweptAt = now;
    for (const [client, bucket] of this.buckets) if (now - bucket.updatedAt > refill) this.buckets.delete(client);
  }
}
