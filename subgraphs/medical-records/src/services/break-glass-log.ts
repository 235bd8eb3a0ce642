import { randomUUID } from 'node:crypto';
import type { Caller } from '@cmb/kit';
import { In, type DataSource } from 'typeorm';
import { BreakGlassAccessEntity } from '../entities/break-glass-access.entity';

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
   * The justifications written under each request id, in the order asked
   * (distinct texts of the request's rows, oldest first, one paragraph each;
   * null for a request that broke no glass): one indexed query.
   */
  async justifications(requestIds: readonly string[]): Promise<(string | null)[]> {
    const rows = await this.dataSource.getRepository(BreakGlassAccessEntity).find({
      where: { requestId: In([...new Set(requestIds)]) },
      select: { requestId: true, justification: true, accessedAt: true },
      order: { accessedAt: 'ASC' },
    });
    const byRequest = new Map<string, string[]>();
    for (const row of rows) {
      const texts = byRequest.get(row.requestId ?? '') ?? [];
      if (!texts.includes(row.justification)) texts.push(row.justification);
      byRequest.set(row.requestId ?? '', texts);
    }
    return requestIds.map((id) => byRequest.get(id)?.join('\n\n') ?? null);
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
