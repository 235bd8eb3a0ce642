import type { AuditEventView } from './audit-queries';

const KEY = 'cmb.officer.queue';

/** The review queue last read in this tab (for the event detail). */
export function loadQueue(): AuditEventView[] {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as AuditEventView[]) : [];
  } catch {
    return [];
  }
}

/** Keeps the queue read for this tab. */
export function saveQueue(events: readonly AuditEventView[]): void {
  sessionStorage.setItem(KEY, JSON.stringify(events));
}
