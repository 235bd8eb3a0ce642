import { randomUUID } from 'node:crypto';
import type { Caller } from '@cmb/kit';
import { In, type DataSource } from 'typeorm';
import { BreakGlassAccessEntity } from '../entities/break-glass-access.entity';

/** A break-glass event as the trail names it: the request that broke the glass and the client that sent it. */
export interface JustifiedEvent {
  requestId: string;
  clientId: string;
}

/** The key of a {@link JustifiedEvent} (for a per-request loader's cache). */
export function justifiedEventKey(event: JustifiedEvent): string {
  return JSON.stringify([event.requestId, event.clientId]);
}

/**
 * Records every break-glass access, committed before the record is returned
 * (no row, no answer): the flag for the officers' review and the notice for
 * the person. The justification goes to the table only, never to a log line.
 */
export class BreakGlassLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly newId: () => string = randomUUID,
  ) {}

  /**
   * The justifications of each break-glass event, in the order asked: the
   * distinct texts its client wrote under its request id (oldest first, one
   * paragraph each; null for an event that broke no glass), one indexed
   * query. Bound to the client as well as the request id, which a client
   * chooses (`x-request-id`): another client sending the same id never puts
   * its words under this event.
   */
  async justifications(events: readonly JustifiedEvent[]): Promise<(string | null)[]> {
    const rows = await this.dataSource.getRepository(BreakGlassAccessEntity).find({
      where: { requestId: In([...new Set(events.map((event) => event.requestId))]) },
      select: { requestId: true, clientId: true, justification: true, accessedAt: true },
      order: { accessedAt: 'ASC' },
    });
    const byEvent = new Map<string, string[]>();
    for (const row of rows) {
      const key = justifiedEventKey({ requestId: row.requestId ?? '', clientId: row.clientId });
      const texts = byEvent.get(key) ?? [];
      if (!texts.includes(row.justification)) texts.push(row.justification);
      byEvent.set(key, texts);
    }
    return events.map((event) => byEvent.get(justifiedEventKey(event))?.join('\n\n') ?? null);
  }

  /** Writes one access row (autocommit) and returns its id. */
  async record(
    personRef: string,
    caller: Pick<Caller, 'org' | 'clientId' | 'tokenId' | 'requestId'>,
    justification: string,
    now: Date = new Date(),
  ): Promise<string> {
    const row: BreakGlassAccessEntity = {
      id: this.newId(),
      personRef,
      org: caller.org ?? '',
      clientId: caller.clientId,
      tokenId: caller.tokenId,
      requestId: caller.requestId,
      justification,
      accessedAt: now.toISOString(),
      reviewedAt: null,
      reviewer: null,
    };
    try {
      await this.dataSource.getRepository(BreakGlassAccessEntity).insert(row);
    } catch (error) {
      // A database error carries the statement's parameters, the justification among them: it must never reach a log line.
      // eslint-disable-next-line preserve-caught-error -- the cause is dropped on purpose
      throw new Error(`break-glass access not recorded (${error instanceof Error ? error.name : 'unknown error'})`);
    }
    return row.id;
  }
}
