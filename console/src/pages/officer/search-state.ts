import type { AuditEventView } from './audit-queries';

/** What the officer typed: kept in this tab's sessionStorage, never in the URL (a national id must never sit in one). */
export interface SearchForm {
  nationalId: string;
  clientId: string;
  organisation: string;
  purpose: string;
  decision: string;
  from: string;
  to: string;
}

/** The search as it stands: the form, the cursors of the pages read, and the current page's events. */
export interface SearchState {
  form: SearchForm;
  /** The `after` cursor of each page read so far (null: the first). */
  cursors: (string | null)[];
  events: AuditEventView[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** A search was submitted: it is run again after a sign-in. */
  submitted: boolean;
}

const KEY = 'cmb.officer.search';

/** An empty form. */
export const EMPTY_FORM: SearchForm = { nationalId: '', clientId: '', organisation: '', purpose: '', decision: '', from: '', to: '' };

/** The search of this tab, or a new one. */
export function loadSearch(): SearchState {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as SearchState | null;
    if (stored?.form) return { ...stored, form: { ...EMPTY_FORM, ...stored.form } };
  } catch {
    // A damaged entry starts a new search.
  }
  return { form: EMPTY_FORM, cursors: [null], events: [], hasNextPage: false, endCursor: null, submitted: false };
}

/** Keeps the search for this tab (a sign-in round trip, a reload, the event detail). */
export function saveSearch(state: SearchState): void {
  sessionStorage.setItem(KEY, JSON.stringify(state));
}

/** The gateway's filter from the form: empty fields left out; days read in the browser's time zone, `to` inclusive of its day. */
export function filterOf(form: SearchForm): Record<string, string> {
  const filter: Record<string, string> = {};
  if (form.nationalId.trim()) filter.nationalId = form.nationalId.trim().toUpperCase();
  if (form.clientId.trim()) filter.clientId = form.clientId.trim();
  if (form.organisation.trim()) filter.organisation = form.organisation.trim().toUpperCase();
  if (form.purpose) filter.purpose = form.purpose;
  if (form.decision) filter.decision = form.decision;
  if (form.from) filter.from = new Date(`${form.from}T00:00:00`).toISOString();
  if (form.to) {
    const end = new Date(`${form.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    filter.to = end.toISOString();
  }
  return filter;
}
