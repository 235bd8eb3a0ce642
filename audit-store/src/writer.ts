import type { CheckpointSigner } from './checkpoint-signing';
import type { AuditDatabase } from './database';
import { chainEvents, type AuditEvent, type ChainLink } from './event';
import { appendEvents, chainHead, lastCheckpointPosition } from './store';

interface Pending {
  event: AuditEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How a writer chains, batches and seals. */
export interface AuditWriterOptions {
  /** This process's chain: unique among the processes writing at the same time. */
  writerId: string;
  /** Signs this writer's checkpoints (the gateway's current Ed25519 key). */
  signer: CheckpointSigner;
  /** A checkpoint at least every this many events... */
  checkpointEvery?: number;
  /** ...and, while events are unsealed, at least this often. */
  checkpointIntervalMs?: number;
  /** Most events in one transaction. */
  maxBatch?: number;
}

/**
 * Group commit: events arriving together are chained and written in one
 * transaction; each `append` resolves only once its event is committed, so no
 * answer leaves before its audit event is durable, and the hot path is not
 * serialised on one write per request. Checkpoints signed with Ed25519 seal
 * the chain every `checkpointEvery` events, every `checkpointIntervalMs` while
 * events are unsealed, and on `drain`.
 */
export class AuditWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /** Seals take turns: two at once would both sign the same head. */
  private sealTurn: Promise<void> = Promise.resolve();
  private head: Promise<ChainLink>;
  private sealedPosition = -1;
  private failing = false;
  /** The lock session the head was read under: another one means the chain may have moved meanwhile. */
  private lockGeneration = -1;
  private lastSealAt = Date.now();
  private readonly timer: NodeJS.Timeout;
  private readonly every: number;
  private readonly intervalMs: number;
  private readonly maxBatch: number;

  constructor(
    private readonly db: AuditDatabase,
    private readonly options: AuditWriterOptions,
  ) {
    this.every = options.checkpointEvery ?? 1000;
    this.intervalMs = options.checkpointIntervalMs ?? 60_000;
    this.maxBatch = options.maxBatch ?? 500;
    this.head = this.readHead();
    // Events a previous run of this writer left unsealed (a crash) are sealed as soon as the chain is read.
    void this.head.then((startHead) => this.seal(startHead)).catch(() => undefined);
    this.timer = setInterval(
      () => {
        this.retryIfFailing();
        void this.sealIfDue();
      },
      Math.min(this.intervalMs, 10_000),
    );
    this.timer.unref();
  }

  private readHead(): Promise<ChainLink> {
    const head = (async () => {
      this.lockGeneration = await this.db.lockWriter(this.options.writerId);
      const link = await chainHead(this.db, this.options.writerId);
      this.sealedPosition = Math.max(this.sealedPosition, await lastCheckpointPosition(this.db, this.options.writerId));
      this.failing = false;
      return link;
    })();
    head.catch(() => {
      this.failing = true;
    });
    return head;
  }

  /**
   * False while the store is failing: the chain could not be read or locked,
   * or the last batch failed (readiness reports it; answers fail closed).
   */
  get available(): boolean {
    return !this.failing;
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
        // Holds the writer's lock again if its session was lost, and then reads the chain afresh (another process may have appended meanwhile).
        if ((await this.db.lockWriter(this.options.writerId)) !== this.lockGeneration) this.head = this.readHead();
        const { chained, head } = chainEvents(
          this.options.writerId,
          await this.head,
          batch.map((p) => p.event),
        );
        const seal = head.position - this.sealedPosition >= this.every;
        await appendEvents(this.db, chained, seal ? this.checkpointOf(head) : undefined);
        this.head = Promise.resolve(head);
        this.failing = false;
        if (seal) this.sealed(head);
        for (const pending of batch) pending.resolve();
      } catch (error) {
        this.failing = true;
        // The chain stays at its last committed link; read it again before the next batch.
        this.head = this.readHead();
        for (const pending of batch) pending.reject(error);
      }
    }
    this.flushing = null;
  }

  private checkpointOf(head: ChainLink) {
    return this.options.signer.sign({
      writerId: this.options.writerId,
      position: head.position,
      hash: head.hash,
      signedAt: new Date().toISOString(),
    });
  }

  private sealed(head: ChainLink): void {
    this.sealedPosition = Math.max(this.sealedPosition, head.position);
    this.lastSealAt = Date.now();
  }

  /**
   * Signs a checkpoint (alone in its transaction) at the head, or at a given
   * committed link, when the events up to it are unsealed.
   */
  seal(upTo?: ChainLink): Promise<void> {
    const sealing = this.sealTurn.then(() => this.sealHead(upTo));
    this.sealTurn = sealing.catch(() => undefined);
    return sealing;
  }

  private async sealHead(upTo?: ChainLink): Promise<void> {
    if (!upTo) while (this.flushing) await this.flushing;
    const head = upTo ?? (await this.head);
    if (head.position <= this.sealedPosition) return;
    await appendEvents(this.db, [], this.checkpointOf(head));
    this.sealed(head);
  }

  /** On the timer: while the store is failing and nothing is being written, reads the chain again, so readiness comes back by itself. */
  private retryIfFailing(): void {
    if (this.failing && !this.flushing) this.head = this.readHead();
  }

  private async sealIfDue(): Promise<void> {
    if (Date.now() - this.lastSealAt < this.intervalMs) return;
    // A failure is retried on the next tick; events stay durable, only their seal waits.
    await this.seal().catch(() => undefined);
  }

  /** Waits for the events already queued, then seals them. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.seal();
  }

  /** Stops the checkpoint timer (the database is the caller's to close). */
  stop(): void {
    clearInterval(this.timer);
  }
}
