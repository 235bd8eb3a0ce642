import type { Logger } from '@cmb/kit';
import type { RateLimiter } from './rate-limiter';
import { openRedisBucketStore } from './redis-bucket-store';
import { SharedTokenBuckets } from './shared-token-buckets';
import { TokenBuckets, type RateLimitSettings } from './token-buckets';

/** Where the gateway counts its rate limits: in this process's memory, in the shared store, or degraded to this replica. */
export type RateLimitsState = 'memory' | 'shared' | 'degraded';

/** The gateway's rate limits: the per-client/per-person ones and the per-source ones, where they are counted, and how to close them. */
export interface GatewayRateLimits {
  /** Per client, or per signed-in person on the patient portal. */
  clients: RateLimiter;
  /** Per source address, for requests without a valid token. */
  sources: RateLimiter;
  state(): RateLimitsState;
  close(): Promise<void>;
}

/** How long the start waits for the shared store before serving degraded (it never fails the start). */
const FIRST_CONNECTION_MS = 2_000;

/**
 * The rate limits from configuration: in memory per replica without a store;
 * with one, shared across replicas (the keys' prefixes, `client:`,
 * `person:` and `source:`, keep the three kinds apart in one keyspace).
 */
export async function openGatewayRateLimits(
  settings: RateLimitSettings,
  store: { url: string; timeoutMs: number } | null,
  logger: Logger,
): Promise<GatewayRateLimits> {
  if (!store) {
    return {
      clients: new TokenBuckets(settings),
      sources: new TokenBuckets(settings),
      state: () => 'memory',
      close: async () => undefined,
    };
  }
  const buckets = openRedisBucketStore(store.url, { timeoutMs: store.timeoutMs });
  await buckets.ready(FIRST_CONNECTION_MS);
  const shared = new SharedTokenBuckets(buckets, settings, { logger });
  return { clients: shared, sources: shared, state: () => shared.state, close: () => buckets.close() };
}
