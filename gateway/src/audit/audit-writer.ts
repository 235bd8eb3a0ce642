import type { AuditEvent } from './audit-event';
import { chainHash } from './audit-event';
import type { AuditStore, ChainedEvent } from './audit-store';

interface Pending {
  event: AuditEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: events arriving together are chained and written in one
 * transaction; each `append` resolves only once its event is committed, so no
 * answer leaves before its audit event is durable, and the hot path is not
 * serialised on one write per request.
 */
export class AuditWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private head: Promise<string>;

  constructor(private readonly store: AuditStore, private readonly writerId: string, private readonly maxBatch = 500) {
    this.head = store.lastHash(writerId);
    this.head.catch(() => undefined);
  }

  /** Resolves when the event is committed; rejects when the store failed (the caller then fails closed). */
  append(event: AuditEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        let previous = await this.head;
        const chained: ChainedEvent[] = batch.map(({ event }) => {
          const hash = chainHash(previous, event);
          const link = { event, previousHash: previous, hash };
          previous = hash;
          return link;
        });
        await this.store.append(this.writerId, chained);
        this.head = Promise.resolve(previous);
        for (const pending of batch) pending.resolve();
      } catch (error) {
        // The chain stays at its last committed link; re-read it before the next batch.
        this.head = this.store.lastHash(this.writerId);
        this.head.catch(() => undefined);
        for (const pending of batch) pending.reject(error);
      }
    }
    this.flushing = null;
  }

  /** Waits for the events already queued. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }
}
