import type { ConventionEntity } from '../entities/convention.entity';
import type { ProviderEntity } from '../entities/provider.entity';

/** Reads many keys at once, in the order asked (a DataLoader batch function). */
type BatchRead<T> = (keys: readonly string[]) => Promise<T[]>;

/** One map of the cache: answers what it holds, reads the rest in one batch and keeps it. */
class VersionedMap<T> {
  readonly entries = new Map<string, T>();

  /** `keep` says, once the rows are read, whether that many may be kept (same version still in force, room left). */
  async read(keys: readonly string[], load: BatchRead<T>, keep: (count: number) => boolean): Promise<T[]> {
    const missing = [...new Set(keys.filter((key) => !this.entries.has(key)))];
    if (missing.length === 0) return keys.map((key) => this.entries.get(key) as T);
    const loaded = new Map(missing.map((key, index) => [key, index]));
    const rows = await load(missing);
    const found = missing.filter((_, index) => rows[index] !== null);
    if (keep(found.length)) missing.forEach((key, index) => rows[index] !== null && this.entries.set(key, rows[index] as T));
    return keys.map((key) => {
      const index = loaded.get(key);
      return index === undefined ? (this.entries.get(key) as T) : (rows[index] as T);
    });
  }
}

/**
 * The INPE registry's providers and their conventions as the version in
 * force holds them, kept in memory for the hot path (hop 2 of every
 * eligibility check asked the database twice per check). The registry
 * changes only by a new version (an import or a rollback), so the cache
 * belongs to one state of the registry: when a load or a rollback changes it
 * (even back to an earlier version), it is emptied.
 * Unknown codes are not kept: a client asking many made-up codes would
 * otherwise fill it (the registry's own codes bound it). Bounded: past
 * `maxEntries` it stops keeping and reads through.
 */
export class RegistryReadCache {
  private stamp: string | null | undefined = undefined;
  /** Changes with the version: rows read under another version are not kept. */
  private generation = 0;
  private readonly providers = new VersionedMap<ProviderEntity | null>();
  private readonly conventions = new VersionedMap<ConventionEntity[]>();

  constructor(private readonly maxEntries = 200_000) {}

  /** Keeps the cache for this registry state (its stamp); another state (a load, a rollback) empties it. */
  follow(stamp: string | null): void {
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    this.generation += 1;
    this.providers.entries.clear();
    this.conventions.entries.clear();
  }

  /** Providers by INPE, in the order asked (null where unknown). */
  providersOf(inpes: readonly string[], load: BatchRead<ProviderEntity | null>): Promise<(ProviderEntity | null)[]> {
    return this.providers.read(inpes, load, this.keeper());
  }

  /** Every convention of each provider, in the order asked. */
  conventionsOf(inpes: readonly string[], load: BatchRead<ConventionEntity[]>): Promise<ConventionEntity[][]> {
    return this.conventions.read(inpes, load, this.keeper());
  }

  /** Whether rows read from now on may be kept when they arrive: the same version still in force, and room left. */
  private keeper(): (count: number) => boolean {
    const generation = this.generation;
    return (count) =>
      generation === this.generation && this.providers.entries.size + this.conventions.entries.size + count <= this.maxEntries;
  }
}
