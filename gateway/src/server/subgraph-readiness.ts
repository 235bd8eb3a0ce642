import type { ReferenceCopyStatus } from '@cmb/kit';
import { Agent, request } from 'undici';
import type { SubgraphClientTls } from '../config';
import { answerText } from '../subgraph-client/bounded-answer';
import { referenceCopiesFrom } from './reference-copies';

/** The most bytes read from a subgraph's `/readyz`: a list of reference copies is a few hundred. */
export const READINESS_MAX_ANSWER_BYTES = 65_536;

/** JSON text as a value; null when it is not JSON. */
function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** What the last probe saw of the subgraphs: reachability, and the reference copies each reported. */
export interface SubgraphProbe {
  reachable: Record<string, boolean>;
  /** By subgraph: its copies of reference data and their freshness (none for a subgraph that reports none). */
  referenceCopies: Record<string, ReferenceCopyStatus[]>;
}

/**
 * Caches the reachability of the subgraphs and the freshness of their
 * reference copies for a short while, so /readyz probes and /metrics scrapes
 * stay cheap: each probe asks every subgraph's `/healthz` (reachable) and
 * `/readyz` (its `referenceCopies`), in parallel.
 */
export class SubgraphReadiness {
  private checkedAt = 0;
  private last: SubgraphProbe = { reachable: {}, referenceCopies: {} };
  private pending: Promise<SubgraphProbe> | null = null;
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
    return (await this.probe()).reachable;
  }

  /** Reachability and reference copies, from the cache while it is fresh; concurrent callers share one probe. */
  probe(): Promise<SubgraphProbe> {
    if (Date.now() - this.checkedAt < this.ttlMs) return Promise.resolve(this.last);
    this.pending ??= this.probeAll().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async probeAll(): Promise<SubgraphProbe> {
    const entries = await Promise.all(
      Object.entries(this.subgraphUrls()).map(async ([name, url]) => {
        const [reachable, copies] = await Promise.all([this.reachable(url), this.copies(url)]);
        return { name, reachable, copies };
      }),
    );
    this.last = {
      reachable: Object.fromEntries(entries.map((entry) => [entry.name, entry.reachable])),
      referenceCopies: Object.fromEntries(entries.filter((entry) => entry.copies.length > 0).map((entry) => [entry.name, entry.copies])),
    };
    this.checkedAt = Date.now();
    return this.last;
  }

  private async get(url: string, path: string): Promise<{ status: number; body: unknown }> {
    const response = await request(new URL(path, url), {
      signal: AbortSignal.timeout(this.timeoutMs),
      ...(this.dispatcher && { dispatcher: this.dispatcher }),
    });
    if (path === '/healthz') {
      await response.body.dump();
      return { status: response.statusCode, body: null };
    }
    // An insurer's subgraph is probed too: what it answers is read within a small bound (its reference copies).
    const text = await answerText(response.body, response.headers['content-length'], READINESS_MAX_ANSWER_BYTES);
    return { status: response.statusCode, body: parsedOrNull(text) };
  }

  private async reachable(url: string): Promise<boolean> {
    try {
      return (await this.get(url, '/healthz')).status === 200;
    } catch {
      return false;
    }
  }

  private async copies(url: string): Promise<ReferenceCopyStatus[]> {
    try {
      return referenceCopiesFrom((await this.get(url, '/readyz')).body);
    } catch {
      return [];
    }
  }

  /** Closes the connections of the TLS client, if any. */
  async close(): Promise<void> {
    await this.dispatcher?.close();
  }
}
