import { appError } from '@cmb/kit';
import { listedStatuses } from '../rules/listed-statuses';
import type { DocumentStatusCode } from '../rules/facts';
import type { DocumentConnectionType } from '../types/document-connection.types';
import type { DocumentPage, ListingKey } from './document-store';
import { decodeCursor, encodeCursor } from './page-cursor';
import { toDocumentPointer } from './to-document-pointer';

/** The arguments of `Person.documents`, as the caller sent them. */
export interface ListingArgs {
  status?: readonly DocumentStatusCode[] | null;
  includeSuperseded?: boolean | null;
  first?: number | null;
  after?: string | null;
}

/**
 * Validates the arguments of a listing at the edge and turns them into a
 * loader key: the statuses the rule lists, a bounded page size, a decoded
 * cursor; masked pointers left out (break-glass widens the key). Never
 * repeats the value sent.
 */
export function listingKey(personRef: string, args: ListingArgs, limits: { defaultPageSize: number; maxPageSize: number }): ListingKey {
  const first = args.first ?? limits.defaultPageSize;
  if (!Number.isInteger(first) || first < 1 || first > limits.maxPageSize) {
    throw appError('INVALID_VALUE', { field: 'first', expected: `a whole number from 1 to ${limits.maxPageSize}` });
  }
  let after = null;
  if (args.after !== null && args.after !== undefined) {
    after = decodeCursor(args.after);
    if (!after) throw appError('INVALID_VALUE', { field: 'after', expected: 'a cursor returned by a previous page' });
  }
  return {
    personRef,
    statuses: listedStatuses({ status: args.status, includeSuperseded: args.includeSuperseded }),
    first,
    after,
    includeMasked: false,
  };
}

/** Builds the connection of one page; `totalCount` is resolved lazily from the key it keeps. */
export function toConnection(key: ListingKey, page: DocumentPage): DocumentConnectionType {
  const edges = page.rows.map((row) => ({
    cursor: encodeCursor({ serviceDate: row.serviceDate, registeredAt: row.registeredAt, id: row.id }),
    node: toDocumentPointer(row),
  }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    personRef: key.personRef,
    statuses: key.statuses,
    includeMasked: key.includeMasked,
  };
}
