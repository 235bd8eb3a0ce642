import { DOCUMENT_STATUSES, type DocumentStatusCode } from './facts';

/** What a caller asks of a listing. */
export interface ListingFilter {
  /** Statuses asked for explicitly; absent or empty means the default. */
  status?: readonly DocumentStatusCode[] | null;
  /** Adds the superseded versions to the default listing. */
  includeSuperseded?: boolean | null;
}

/**
 * The statuses a record listing returns. By default only CURRENT pointers
 * (what a professional acts on); SUPERSEDED versions when asked with
 * `includeSuperseded`; an explicit status list wins over both. WITHDRAWN
 * pointers appear only when asked by name. The result is distinct and in
 * the canonical order, so equal requests share one batched query.
 */
export function listedStatuses(filter: ListingFilter): DocumentStatusCode[] {
  const asked = filter.status && filter.status.length > 0 ? new Set(filter.status) : null;
  if (asked) return DOCUMENT_STATUSES.filter((status) => asked.has(status));
  return filter.includeSuperseded ? ['CURRENT', 'SUPERSEDED'] : ['CURRENT'];
}
