import type { Logger } from '@cmb/kit';
import type { RateLimiter } from './rate-limiter';
import type { BucketStore } from './redis-bucket-store';
import { TokenBuckets, type RateLimitSettings } from './token-buckets';

/** Where the limits are counted: `shared` across replicas, or `degraded` to this replica while the store is down. */
export type SharedLimitsState = 'shared' | 'degraded';

/** How long a store that failed is left alone (requests count locally) before it is tried again. */
const RETRY_AFTER_FAILURE_MS = 1_000;

/**
 * Rate limits that hold across gateway replicas: every draw goes to the
 * shared store (one round trip). When the store fails or is unreachable, the
 * limits degrade to this replica's own buckets (each replica then admits up
 * to the limit): logged once, shown in the state, retried after a second or
 * as soon as the connection is back, and logged once more on recovery.
 * Precision: exact while shared (the store counts every request atomically);
 * while degraded, a client may have up to its limit on every replica.
 */
export class SharedTokenBuckets implements RateLimiter {
  private readonly local: TokenBuckets;
  private degradedSince: number | null = null;
  private retryAt = 0;

  constructor(
    private readonly store: BucketStore,
    private readonly settings: RateLimitSettings,
    private readonly options: { logger: Logger; onStateChange?: (state: SharedLimitsState) => void; now?: () => number },
  ) {
    this.local = new TokenBuckets(settings, options.now);
    // A connection back: shared again at once (the next draw that fails degrades again).
    store.onReady(() => {
      this.retryAt = 0;
      if (this.degradedSince !== null) this.recovered();
    });
  }

  /** `shared`, or `degraded` while the store is down. */
  get state(): SharedLimitsState {
    return this.degradedSince === null ? 'shared' : 'degraded';
  }

  async take(key: string): Promise<number | null> {
    const now = this.now();
    if (this.degradedSince !== null && (now < this.retryAt || !this.store.connected())) return this.local.take(key);
    try {
      const wait = await this.store.draw(key, this.settings);
      if (this.degradedSince !== null) this.recovered();
      return wait > 0 ? wait : null;
    } catch (error) {
      this.failed(error, now);
      return this.local.take(key);
    }
  }

  private failed(error: unknown, now: number): void {
    this.retryAt = now + RETRY_AFTER_FAILURE_MS;
    if (this.degradedSince !== null) return;
    this.degradedSince = now;
    // The error's kind only: never the key, which names a client or a person.
    this.options.logger.warn(
      { err: { kind: error instanceof Error ? error.name : 'Error' } },
      'rate-limit store unavailable: limits are per replica until it answers again',
    );
    this.options.onStateChange?.('degraded');
  }

  private recovered(): void {
    const seconds = Math.round((this.now() - (this.degradedSince ?? this.now())) / 1000);
    this.degradedSince = null;
    this.options.logger.info({ degradedSeconds: seconds }, 'rate-limit store answers again: limits are shared across replicas');
    this.options.onStateChange?.('shared');
  }

  private now(): number {
    return this.options.now?.() ?? performance.now();
  }
}
