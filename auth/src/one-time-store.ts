import { randomBytes } from 'node:crypto';

/**
 * Entries kept in memory under a random key for a short time, each taken at
 * most once (authorization codes, pending sign-ins). Bounded: past `maxEntries`
 * the oldest are dropped, so a flood of requests cannot exhaust the process.
 */
export class OneTimeStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps a value and returns its new random key (32 bytes, base64url). */
  put(value: T): string {
    const key = randomBytes(32).toString('base64url');
    this.sweep();
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    return key;
  }

  /** Reads a value without taking it (null when unknown or expired). */
  peek(key: string | null): T | null {
    const entry = key ? this.entries.get(key) : undefined;
    return entry && entry.expiresAt > this.now() ? entry.value : null;
  }

  /** Takes a value once: a second take of the same key, or a take after the expiry, is null. */
  take(key: string | null): T | null {
    const value = this.peek(key);
    if (key) this.entries.delete(key);
    return value;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
