import { graphql } from '../../api/graphql';
import { OFFICER_AUDIT } from '../../grants';
import { AUDIT_SEARCH, type AuditEventPage, type AuditEventView } from './audit-queries';

/** Most events one export reads (pages of 100, within the gateway's query cost): a larger trail is narrowed by the search first. */
export const MAX_EXPORT_EVENTS = 5_000;
const PAGE = 100;

/**
 * Reads every page of a search (up to {@link MAX_EXPORT_EVENTS}) and saves
 * it as a CSV file: the columns of the event detail, never the data served.
 * Cells that a spreadsheet would run as a formula are escaped (papaparse's
 * `escapeFormulae`), since client ids and operation names come from outside.
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
  // papaparse is CommonJS: bundled, its functions are on the module's default export.
  const papaparse = await import('papaparse');
  const { unparse } = (papaparse as unknown as { default?: typeof papaparse }).default ?? papaparse;
  const rows = events.slice(0, MAX_EXPORT_EVENTS).map((event) => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    clientId: event.clientId,
    userId: event.userId ?? '',
    organisation: event.organisation ?? '',
    purposes: event.purposes.join(' '),
    operationName: event.operationName ?? '',
    decision: event.decision,
    outcome: event.outcome,
    stage: event.stage,
    fieldPaths: event.fieldPaths.join(' '),
    refusedFieldPaths: event.refusedFieldPaths.join(' '),
    subgraphs: event.subgraphs.join(' '),
    reviewVerdict: event.review?.verdict ?? '',
  }));
  const csv = unparse(rows, { escapeFormulae: true, newline: '\r\n' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  link.download = `audit-events-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the file after this task: the URL is let go once it has.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return { count: rows.length, truncated: more };
}
