import { graphql } from '../../api/graphql';
import { OFFICER_AUDIT } from '../../grants';
import { auditEventsCsv } from './audit-csv';
import { AUDIT_SEARCH, type AuditEventPage, type AuditEventView } from './audit-queries';

/** Most events one export reads (pages of 100, within the gateway's query cost): a larger trail is narrowed by the search first. */
export const MAX_EXPORT_EVENTS = 5_000;
const PAGE = 100;

/**
 * Reads every page of a search (up to {@link MAX_EXPORT_EVENTS}) and saves
 * it as a CSV file ({@link auditEventsCsv}).
 */
export async function exportSearchCsv(filter: Record<string, string>): Promise<{ count: number; truncated: boolean }> {
  const events: AuditEventView[] = [];
  let after: string | null = null;
  let more = true;
  while (more && events.length < MAX_EXPORT_EVENTS) {
    const page: { auditEvents: AuditEventPage } = await graphql(OFFICER_AUDIT, AUDIT_SEARCH, { filter, first: PAGE, after });
    events.push(...page.auditEvents.edges.map((edge) => edge.node));
    more = page.auditEvents.pageInfo.hasNextPage;
    after = page.auditEvents.pageInfo.endCursor;
  }
  const kept = events.slice(0, MAX_EXPORT_EVENTS);
  const csv = await auditEventsCsv(kept);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  link.download = `audit-events-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the file after this task: the URL is let go once it has.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return { count: kept.length, truncated: more };
}
