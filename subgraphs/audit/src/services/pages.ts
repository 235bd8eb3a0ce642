import { encodeCursor, type AuditEventPage, type StoredEventRow } from '@cmb/audit-store';

/** A page of a listing as served: its edges (each with its cursor) and where it stands. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Serves a page of events, each as `toNode` makes it. */
export function pageOf<T>(found: AuditEventPage, toNode: (row: StoredEventRow) => T): Page<T> {
  return {
    edges: found.events.map((row) => ({ cursor: encodeCursor(row), node: toNode(row) })),
    pageInfo: { hasNextPage: found.hasNextPage, endCursor: found.endCursor },
  };
}
