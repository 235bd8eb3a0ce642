import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RateLimitSettings } from './token-buckets';
import { TOKEN_BUCKET_SCRIPT } from './token-bucket-script';

/** What the shared limiter needs of its store: one atomic draw per request, and whether it is connected. */
export interface BucketStore {
  /** 0 when admitted, else the whole seconds to wait; rejects when the store cannot answer. */
  draw(key: string, settings: RateLimitSettings): Promise<number>;
  /** False while the connection is down (a draw would fail at once). */
  connected(): boolean;
  /** Called when the connection is (again) ready. */
  onReady(listener: () => void): void;
  /** Resolves once connected, or false after `ms`. */
  ready(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The key as the store holds it: a hash, so no client id, person ref or address sits in the store. */
export function storeKeyOf(key: string): string {
  return `cmb:rl:${createHash('sha256').update(key).digest('base64url')}`;
}

type RedisWithDraw = Redis & { drawToken(key: string, rate: string, burst: string): Promise<number> };

/**
 * The buckets in Redis: one `EVALSHA` of the token bucket script per request
 * (the script loads itself on first use), a timeout per command, no queue
 * while disconnected (a draw fails at once so the limiter falls back), and
 * reconnection in the background.
 */
export function openRedisBucketStore(url: string, options: { timeoutMs: number }): BucketStore {
  const redis = new Redis(url, {
    commandTimeout: options.timeoutMs,
    connectTimeout: Math.max(1_000, options.timeoutMs),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    lazyConnect: false,
  }) as RedisWithDraw;
  // Connection errors are the limiter's to report (once); without a listener ioredis would print each one.
  redis.on('error', () => undefined);
  redis.defineCommand('drawToken', { numberOfKeys: 1, lua: TOKEN_BUCKET_SCRIPT });
  return {
    draw: (key, settings) => redis.drawToken(storeKeyOf(key), String(settings.ratePerSecond), String(settings.burst)),
    connected: () => redis.status === 'ready',
    onReady: (listener) => void redis.on('ready', listener),
    ready: (ms) =>
      redis.status === 'ready'
        ? Promise.resolve(true)
        : new Promise((resolve) => {
            const timer = setTimeout(() => resolve(false), ms);
            redis.once('ready', () => {
              clearTimeout(timer);
              resolve(true);
            });
          }),
    close: async () => {
      redis.disconnect();
    },
  };
}
