import { LRUCache } from 'lru-cache';
import type { CoverageRecord } from './coverage-store';
import { DECISION_ID_MAX_AGE_MS, type DecisionKey } from './decision-id';

/** What hop 1 of a check read and sealed, kept for its hop 3. */
export interface RecentDecision {
  key: DecisionKey;
  /** The person's coverage as hop 1 read it; null when no person holds the national id. */
  record: CoverageRecord | null;
}

/** How many checks and for how long a replica keeps between its two hops. */
export interface RecentDecisionLimits {
  /** Most checks kept (the oldest go first): bounds the memory whatever the load. */
  max: number;
  /**
   * How long after hop 1 a check is kept: hop 3 follows within the gateway's
   * call deadlines. At most `DECISION_ID_MAX_AGE_MS`, so a kept check is
   * always young enough to answer, without testing its age.
   */
  ttlMs: number;
}

/** Enough for a few seconds of a national peak on one replica; past it hop 3 reads the registry again. */
export const DEFAULT_RECENT_DECISION_LIMITS: RecentDecisionLimits = { max: 20_000, ttlMs: 10_000 };

/**
 * The checks this replica started, by decision id, for the few seconds until
 * their hop 3: the decision is then made from the coverage hop 1 read (one
 * statement per check instead of two, and the rows of one moment) and the id
 * needs no decryption. Each is used once, by the organisation that made
 * the check (another caller's attempt leaves it in place). A hop 3 that reaches another
 * replica, or comes after the entry expired or was pushed out, opens the id
 * and reads the registry as before: this is a shortcut, never the only way.
 * Lookups are by the exact id this replica issued (random per check), so an
 * entry answers only the decision it was made for.
 */
export class RecentDecisions {
  private readonly entries: LRUCache<string, RecentDecision>;

  /** `clock` (milliseconds, monotonic) is for tests; the default is `performance`. */
  constructor(limits: RecentDecisionLimits = DEFAULT_RECENT_DECISION_LIMITS, clock?: { now(): number }) {
    if (limits.ttlMs > DECISION_ID_MAX_AGE_MS) throw new RangeError(`ttlMs must not exceed ${DECISION_ID_MAX_AGE_MS} ms`);
    this.entries = new LRUCache<string, RecentDecision>({
      max: limits.max,
      ttl: limits.ttlMs,
      ttlResolution: 0,
      ...(clock ? { perf: clock } : {}),
    });
  }

  /** Keeps what hop 1 read for the decision `id`. */
  keep(id: string, decision: RecentDecision): void {
    this.entries.set(id, decision);
  }

  /** What hop 1 read for `id`, left in place; undefined when this replica no longer has it. */
  peek(id: string): RecentDecision | undefined {
    return this.entries.get(id);
  }

  /** Removes `id` once its hop 3 has used it (by the organisation that made the check). */
  drop(id: string): void {
    this.entries.delete(id);
  }

  /** How many checks are kept now (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }
}
