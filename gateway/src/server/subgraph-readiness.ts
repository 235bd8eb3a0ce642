import { Agent, request } from 'undici';
import type { SubgraphClientTls } from '../config';

/** Caches the reachability of the subgraphs for a short while, so /readyz probes stay cheap. */
export class SubgraphReadiness {
  private checkedAt = 0;
  private last: Record<string, boolean> = {};
  /** Presents the gateway's client certificate to subgraphs served over mutual TLS. */
  private readonly dispatcher: Agent | undefined;

  constructor(
    private readonly subgraphUrls: () => Record<string, string>,
    tls: SubgraphClientTls | null = null,
    private readonly ttlMs = 2_000,
    private readonly timeoutMs = 1_000,
  ) {
    this.dispatcher = tls ? new Agent({ connect: { ...tls } }) : undefined;
  }

  /** Each subgraph's liveness (`GET /healthz` on its origin). */
  async check(): Promise<Record<string, boolean>> {
    if (Date.now() - this.checkedAt < this.ttlMs) return this.last;
    const entries = await Promise.all(
      Object.entries(this.subgraphUrls()).map(async ([name, url]) => {
        try {
          const response = await request(new URL('/healthz', url), {
            signal: AbortSignal.timeout(this.timeoutMs),
            ...(this.dispatcher && { dispatcher: this.dispatcher }),
          });
          await response.body.dump();
          return [name, response.statusCode === 200] as const;
        } catch {
          return [name, false] as const;
        }
      }),
    );
    this.last = Object.fromEntries(entries);
    this.checkedAt = Date.now();
    return this.last;
  }

  /** Closes the connections of the TLS client, if any. */
  async close(): Promise<void> {
    await this.dispatcher?.close();
  }
}
