import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { RegistryClient, RegistrySupergraph } from './registry-client';
import type { SupergraphGeneration, SupergraphOrigin } from './supergraph-generation';
import type { SupergraphGenerations } from './supergraph-generations';

/** What `/readyz` says of the registry: whether it is followed and read, and a version that would not load. */
export interface RegistryStatus {
  following: boolean;
  /** Whether the last read of the registry succeeded; null before the first. */
  reachable: boolean | null;
  lastContactAt: string | null;
  /** The kind of the last failure to read it (never its text: it may name a host or a login). */
  lastError: string | null;
  /** A registry version this gateway refused to load (it serves the one before), and why. */
  rejected: { version: number; sha256: string; reason: string } | null;
}

/** What the registry says of a supergraph: its version, hash and which subgraphs answer for an OG. */
export function originOf(supergraph: RegistrySupergraph): SupergraphOrigin {
  return {
    version: supergraph.version,
    sha256: supergraph.sha256,
    source: 'registry',
    ogOwners: new Map(supergraph.members.filter((m) => !m.national).map((m) => [m.name, m.owner])),
  };
}

/** The kind of an error, safe for logs and `/readyz`. */
function kindOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'Error';
}

/** Options of a follower. */
export interface SupergraphFollowerOptions {
  registry: RegistryClient;
  generations: SupergraphGenerations;
  /** Loads a registry supergraph into a generation; throws when it does not load. */
  load(supergraph: RegistrySupergraph): Promise<SupergraphGeneration>;
  pollMs: number;
  logger: Logger;
  metrics: Registry;
}

/**
 * Follows the registry: every `pollMs`, reads the latest supergraph version
 * (one indexed row); a newer one is read, loaded into a generation and
 * swapped in. A supergraph that fails to load never replaces a working one
 * (it is remembered, so the next polls do not load it again, until a newer
 * version appears). When the registry cannot be read, the gateway goes on
 * serving its last good supergraph and says so on `/readyz`.
 */
export class SupergraphFollower {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private state: RegistryStatus = { following: true, reachable: null, lastContactAt: null, lastError: null, rejected: null };
  private readonly reloads: Counter<'outcome'>;
  private readonly loadSeconds: Histogram;

  constructor(private readonly options: SupergraphFollowerOptions) {
    const registers = [options.metrics];
    this.reloads = new Counter({
      name: 'cmb_gateway_supergraph_reloads_total',
      help: 'Registry supergraph versions this gateway loaded (outcome loaded) or refused to load (outcome rejected)',
      labelNames: ['outcome'],
      registers,
    });
    this.loadSeconds = new Histogram({
      name: 'cmb_gateway_supergraph_load_seconds',
      help: 'Time to read and load a new supergraph version (schema, query planner) before the swap',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const reachable = () => this.state.reachable;
    new Gauge({
      name: 'cmb_gateway_registry_reachable',
      help: '1 when the last read of the subgraph registry succeeded, 0 when it failed (the last good supergraph is served)',
      registers,
      collect() {
        const now = reachable();
        if (now !== null) this.set(now ? 1 : 0);
      },
    });
  }

  /** What `/readyz` says of the registry. */
  status(): RegistryStatus {
    return { ...this.state };
  }

  /** Polls now, then every `pollMs` until stopped. */
  start(): void {
    const pollThenWait = () => {
      if (this.stopped) return;
      this.running = this.poll().finally(() => {
        this.running = null;
        if (this.stopped) return;
        this.timer = setTimeout(pollThenWait, this.options.pollMs);
        this.timer.unref();
      });
    };
    pollThenWait();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private unreachable(error: unknown): void {
    if (this.state.reachable !== false)
      this.options.logger.warn({ err: { kind: kindOf(error) } }, 'registry unreachable: serving the last good supergraph');
    this.state = { ...this.state, reachable: false, lastError: kindOf(error) };
  }

  /** One look at the registry: loads and swaps in a newer supergraph version, if any. */
  async poll(): Promise<void> {
    let latest: { version: number; sha256: string } | null;
    try {
      latest = await this.options.registry.latest();
    } catch (error) {
      this.unreachable(error);
      return;
    }
    this.state = { ...this.state, reachable: true, lastContactAt: new Date().toISOString(), lastError: null };
    const served = this.options.generations.latest;
    if (!latest || (served.source === 'registry' && served.version !== null && latest.version <= served.version)) return;
    if (this.state.rejected?.version === latest.version) return;
    let supergraph: RegistrySupergraph | null;
    try {
      supergraph = await this.options.registry.supergraph(latest.version);
    } catch (error) {
      this.unreachable(error);
      return;
    }
    if (!supergraph) return;
    if (supergraph.sha256 === served.sha256) {
      // The supergraph served already (the build's, filled into the registry): only its registry version is new.
      this.options.generations.relabel(originOf(supergraph));
      return;
    }
    const started = process.hrtime.bigint();
    try {
      const generation = await this.options.load(supergraph);
      this.options.generations.swap(generation);
      this.reloads.inc({ outcome: 'loaded' });
      this.loadSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
      this.options.logger.info({ version: supergraph.version, sha256: supergraph.sha256 }, 'supergraph version loaded');
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 500) : String(error);
      this.state = { ...this.state, rejected: { version: supergraph.version, sha256: supergraph.sha256, reason } };
      this.reloads.inc({ outcome: 'rejected' });
      this.options.logger.error(
        { version: supergraph.version, sha256: supergraph.sha256, reason },
        'supergraph version refused: the one before is served',
      );
    }
  }
}
