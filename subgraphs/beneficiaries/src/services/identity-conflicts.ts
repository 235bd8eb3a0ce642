import { appError, isIsoInstant } from '@cmb/kit';
import type { DataSource, Repository } from 'typeorm';
import { IdentityConflictEntity } from '../entities/identity-conflict.entity';

/** A page of the review queue, newest first. */
export interface IdentityConflictPage {
  rows: IdentityConflictEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An opaque keyset cursor: the position (received at, id) of the last row of a page. */
function encodeCursor(row: Pick<IdentityConflictEntity, 'receivedAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.receivedAt, row.id]), 'utf8').toString('base64url');
}

function decodeCursor(raw: string): { receivedAt: string; id: string } | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [receivedAt, id] = parsed as unknown[];
    if (typeof receivedAt !== 'string' || typeof id !== 'string' || !isIsoInstant(receivedAt) || !UUID.test(id)) return null;
    return { receivedAt, id };
  } catch {
    return null;
  }
}

/**
 * The queue of identity conflicts ANAM reviews (rows refused with
 * `IDENTITY_CONFLICT`), read newest first with keyset cursors: one indexed
 * statement per page.
 */
export class IdentityConflictQueue {
  private readonly repository: Repository<IdentityConflictEntity>;

  constructor(
    dataSource: DataSource,
    private readonly maxPageSize: number,
  ) {
    this.repository = dataSource.getRepository(IdentityConflictEntity);
  }

  async page(first: number, after: string | null): Promise<IdentityConflictPage> {
    if (!Number.isInteger(first) || first < 1 || first > this.maxPageSize) {
      throw appError('INVALID_VALUE', { field: 'first', expected: `1 to ${this.maxPageSize}` });
    }
    const cursor = after === null ? null : decodeCursor(after);
    if (after !== null && !cursor) throw appError('CURSOR_MALFORMED');
    const query = this.repository
      .createQueryBuilder('c')
      .orderBy('c.receivedAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(first + 1);
    if (cursor) {
      query.where('(c.receivedAt < :at OR (c.receivedAt = :at AND c.id < :id))', { at: cursor.receivedAt, id: cursor.id });
    }
    const rows = await query.getMany();
    const page = rows.slice(0, first);
    const last = page[page.length - 1];
    return { rows: page, endCursor: last ? encodeCursor(last) : null, hasNextPage: rows.length > first };
  }
}
