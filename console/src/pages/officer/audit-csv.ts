import type { AuditEventView } from './audit-queries';

/**
 * A cell a spreadsheet would run as a formula: its first character alone
 * decides (papaparse's own pattern, `^[=+\-@\t\r].*$`, misses a cell that
 * holds a line break, since `.` stops there).
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Audit events as CSV: the columns of the event detail, never the data
 * served. Cells that a spreadsheet would run as a formula are escaped (a
 * quote before them), since client ids, operation names and outcomes come
 * from outside.
 */
export async function auditEventsCsv(events: readonly AuditEventView[]): Promise<string> {
  // papaparse is CommonJS: bundled, its functions are on the module's default export.
  const papaparse = await import('papaparse');
  const { unparse } = (papaparse as unknown as { default?: typeof papaparse }).default ?? papaparse;
  const rows = events.map((event) => ({
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
  return unparse(rows, { escapeFormulae: FORMULA_START, newline: '\r\n' });
}
