import type { RegistryVersionEntity } from '../entities/registry-version.entity';
import type { RegistryState } from './provider-store';

/**
 * The INPE registry version in force and the stamp of the registry's history
 * ({@link RegistryState}), read at most once per `ttlMs` for the whole
 * process: every eligibility check names the version, and reading it per
 * check would cost the hot path one more query. A load in this process calls
 * `invalidate`; a load or rollback by another process (the import command)
 * shows within the TTL.
 */
export class CurrentVersionCache {
  private cached: { at: number; state: Promise<RegistryState> } | null = null;

  constructor(
    private readonly read: () => Promise<RegistryState>,
    private readonly ttlMs = 5_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The version in force and the history's stamp, from the cache while it is fresh. */
  state(): Promise<RegistryState> {
    const now = this.clock();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.state;
    const state = this.read();
    this.cached = { at: now, state };
    // A failed read is not kept: the next call tries again.
    state.catch(() => {
      if (this.cached?.state === state) this.cached = null;
    });
    return state;
  }

  /** The version in force (null before the first load). */
  async get(): Promise<RegistryVersionEntity | null> {
    return (await this.state()).version;
  }

  /** Forgets the cached state, after a load or a rollback in this process. */
  invalidate(): void {
    this.cached = null;
  }
}
