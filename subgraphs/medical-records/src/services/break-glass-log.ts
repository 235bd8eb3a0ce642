import { randomUUID } from 'node:crypto';
import type { Caller } from '@cmb/kit';
import { In, type DataSource } from 'typeorm';
import { BreakGlassAccessEntity } from '../entities/break-glass-access.entity';

/** A break-glass event as the trail names it: its id, the request that broke the glass and the client that sent it. */
export interface JustifiedEvent {
  eventId: string;
  requestId: string;
  clientId: string;
}

/** The key of a {@link JustifiedEvent} (for a per-request loader's cache). */
export function justifiedEventKey(event: JustifiedEvent): string {
  return JSON.stringify([event.eventId, event.requestId, event.clientId]);
}

/** The distinct texts of some rows, oldest first, one paragraph each; null without any. */
function joined(rows: readonly Pick<BreakGlassAccessEntity, 'justification' | 'personRef'>[]): FiledJustification | null {
  const texts = [...new Set(rows.map((row) => row.justification))];
  return texts.length > 0 ? { text: texts.join('\n\n'), personRefs: [...new Set(rows.map((row) => row.personRef))] } : null;
}

/** The words written for a break-glass event, and the persons whose records were opened under it (health data about them). */
export interface FiledJustification {
  text: string;
  personRefs: string[];
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
   * distinct texts written in the request of that event (oldest first, one
   * paragraph each; null for an event that broke no glass) with the persons
   * they are about, one indexed query. Filed under the event's id, which the gateway mints per request:
   * the request id is the client's choice (`x-request-id`), and a client
   * reusing one never puts the words of another access under this event.
   * Rows written before the event id was kept are read by request id and
   * client, as they were, and only while no access of that request id and
   * client has been filed under an event since (a client reusing an old id
   * then never gets the old words under its new events).
   */
  async justifications(events: readonly JustifiedEvent[]): Promise<(FiledJustification | null)[]> {
    const rows = await this.dataSource.getRepository(BreakGlassAccessEntity).find({
      where: [
        { eventId: In([...new Set(events.map((event) => event.eventId))]) },
        { requestId: In([...new Set(events.map((event) => event.requestId))]) },
      ],
      select: { eventId: true, requestId: true, clientId: true, justification: true, personRef: true, accessedAt: true },
      order: { accessedAt: 'ASC' },
    });
    return events.map((event) => {
      const filed = rows.filter((row) => row.eventId === event.eventId);
      if (filed.length > 0) return joined(filed);
      const sameRequest = rows.filter((row) => row.requestId === event.requestId && row.clientId === event.clientId);
      return sameRequest.every((row) => row.eventId === null) ? joined(sameRequest) : null;
    });
  }

  /** Writes one access row (autocommit) and returns its id. */
  async record(
    personRef: string,
    caller: Pick<Caller, 'org' | 'clientId' | 'tokenId' | 'requestId' | 'eventId'>,
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
      eventId: caller.eventId ?? null,
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
