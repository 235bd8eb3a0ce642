/**
 * The ids of the signed contexts a subgraph has taken, each kept until the
 * context expires: a context read off the network and sent again, with the
 * same body, within its expiry, is refused. Only the gateway mints contexts,
 * so the set holds at most the gateway's calls of one expiry window; past
 * `maxEntries` (a burst beyond any sizing) the oldest ids are dropped first,
 * which reopens the window for them alone.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private nextSweepMs = 0;

  constructor(
    private readonly maxEntries = 500_000,
    private readonly sweepEveryMs = 1_000,
  ) {}

  /** True the first time an id is seen before it expires; false for a replay. */
  firstUse(contextId: string, usableUntilMs: number, nowMs: number = Date.now()): boolean {
    if (nowMs >= this.nextSweepMs) this.sweep(nowMs);
    const until = this.seen.get(contextId);
    if (until !== undefined && until > nowMs) return false;
    if (this.seen.size >= this.maxEntries) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    this.seen.set(contextId, usableUntilMs);
    return true;
  }

  /** How many ids are kept. */
  get size(): number {
    return this.seen.size;
  }

  /** Forgets the expired ids (insertion order is nearly expiry order: one pass from the oldest). */
  private sweep(nowMs: number): void {
    this.nextSweepMs = nowMs + this.sweepEveryMs;
    for (const [id, until] of this.seen) {
      if (until > nowMs) continue;
      this.seen.delete(id);
    }
  }
}
