import type { RegistryVersionEntity } from '../entities/registry-version.entity';

/**
 * The INPE registry version in force, read at most once per `ttlMs` for the
 * whole process: every eligibility check names it, and reading it per check
 * would cost the hot path one more query. A load in this process calls
 * `invalidate`; a load by another process (the import command) shows within
 * the TTL.
 */
export class CurrentVersionCache {
  private cached: { at: number; version: Promise<RegistryVersionEntity | null> } | null = null;

  constructor(
    private readonly read: () => Promise<RegistryVersionEntity | null>,
    private readonly ttlMs = 5_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The version in force (null before the first load), from the cache while it is fresh. */
  get(): Promise<RegistryVersionEntity | null> {
    const now = this.clock();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.version;
    const version = this.read();
    this.cached = { at: now, version };
    // A failed read is not kept: the next call tries again.
    version.catch(() => {
      if (this.cached?.version === version) this.cached = null;
    });
    return version;
  }

  /** Forgets the cached version, after a load or a rollback in this process. */
  invalidate(): void {
    this.cached = null;
  }
}
