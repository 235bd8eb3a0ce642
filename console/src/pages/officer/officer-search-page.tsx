import { useEffect, useRef, useState } from 'preact/hooks';
import { ScrollRegion } from '../../components/scroll-region';
import { graphql } from '../../api/graphql';
import { DoneNotice, ErrorNotice } from '../../components/error-notice';
import { Layout } from '../../components/layout';
import { Link } from '../../components/link';
import { useAction } from '../../components/use-action';
import { OFFICER_AUDIT } from '../../grants';
import { formatDateTime, t } from '../../i18n/i18n';
import { AUDIT_SEARCH, PURPOSES, type AuditEventPage } from './audit-queries';
import { DecisionBadge } from './decision-badge';
import { exportSearchCsv, MAX_EXPORT_EVENTS } from './export-csv';
import { OFFICER_SIGNED_IN, officerNav } from './officer-nav';
import { EMPTY_FORM, filterOf, loadSearch, saveSearch, type SearchForm, type SearchState } from './search-state';
import { DateField } from '../../components/date-field';

const PAGE_SIZE = 25;
/** The mark the time to first render of the search is measured to (from the navigation's start). */
export const SEARCH_RENDERED_MARK = 'console:officer-search-rendered';

/** The officers' search of the trail: the form, a page of events, the pages before and after, the CSV export. */
export function OfficerSearchPage({ path }: { path: string }) {
  const [state, setState] = useState<SearchState>(loadSearch);
  const [notice, setNotice] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const { busy, error, run } = useAction();
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const update = (next: SearchState) => {
    saveSearch(next);
    setState(next);
  };
  const setField = (name: keyof SearchForm, value: string) => update({ ...state, form: { ...state.form, [name]: value } });

  const readPage = async (form: SearchForm, cursors: (string | null)[]) => {
    const after = cursors[cursors.length - 1] ?? null;
    // Kept before the call: an expired session signs in again and runs this same search.
    saveSearch({ ...state, form, cursors, submitted: true });
    const answer = await run(() =>
      graphql<{ auditEvents: AuditEventPage }>(OFFICER_AUDIT, AUDIT_SEARCH, { filter: filterOf(form), first: PAGE_SIZE, after }),
    );
    if (!answer) return;
    update({
      form,
      cursors,
      events: answer.auditEvents.edges.map((edge) => edge.node),
      hasNextPage: answer.auditEvents.pageInfo.hasNextPage,
      endCursor: answer.auditEvents.pageInfo.endCursor,
      submitted: true,
    });
    resultsHeading.current?.focus();
  };

  useEffect(() => {
    performance.mark(SEARCH_RENDERED_MARK);
    // Back from a sign-in (or a reload): the search the officer had made is run again.
    if (state.submitted) void readPage(state.form, state.cursors);
    // Once, on the first render.
  }, []);

  const exportCsv = async () => {
    setNotice(null);
    setExporting(true);
    const result = await run(() => exportSearchCsv(filterOf(state.form))).finally(() => setExporting(false));
    if (result?.truncated) setNotice(t('exportLimited', { count: MAX_EXPORT_EVENTS }));
  };

  const form = state.form;
  const page = state.cursors.length;
  return (
    <Layout title={t('searchTitle')} nav={officerNav()} path={path} signedIn={OFFICER_SIGNED_IN}>
      <p>{t('searchIntro')}</p>
      <form
        class="search"
        onSubmit={(event) => {
          event.preventDefault();
          void readPage(form, [null]);
        }}
      >
        <div class="field">
          <label for="nationalId">{t('nationalId')}</label>
          <input
            id="nationalId"
            name="nationalId"
            autocomplete="off"
            spellcheck={false}
            aria-describedby="nationalId-hint"
            value={form.nationalId}
            onInput={(event) => setField('nationalId', event.currentTarget.value)}
          />
          <small id="nationalId-hint">{t('nationalIdHint')}</small>
        </div>
        <div class="field">
          <label for="clientId">{t('clientId')}</label>
          <input id="clientId" value={form.clientId} onInput={(event) => setField('clientId', event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="organisation">{t('organisation')}</label>
          <input id="organisation" value={form.organisation} onInput={(event) => setField('organisation', event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="purpose">{t('purpose')}</label>
          <select id="purpose" value={form.purpose} onChange={(event) => setField('purpose', event.currentTarget.value)}>
            <option value="">{t('anyPurpose')}</option>
            {PURPOSES.map((purpose) => (
              <option key={purpose} value={purpose}>
                {purpose}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="decision">{t('decision')}</label>
          <select id="decision" value={form.decision} onChange={(event) => setField('decision', event.currentTarget.value)}>
            <option value="">{t('anyDecision')}</option>
            <option value="ALLOWED">{t('ALLOWED')}</option>
            <option value="REFUSED">{t('REFUSED')}</option>
            <option value="BREAK_GLASS">{t('BREAK_GLASS')}</option>
          </select>
        </div>
        <DateField id="from" label={t('from')} value={form.from} onChange={(value) => setField('from', value)} />
        <DateField id="to" label={t('to')} value={form.to} onChange={(value) => setField('to', value)} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('search')}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => update({ form: EMPTY_FORM, cursors: [null], events: [], hasNextPage: false, endCursor: null, submitted: false })}
          >
            {t('clear')}
          </button>
          <button type="button" class="secondary" disabled={busy || !state.submitted} onClick={() => void exportCsv()}>
            {exporting ? t('exporting') : t('exportCsv')}
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
      <DoneNotice text={notice} />
      {state.submitted && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
            {t('results')} · {t('pageNumber', { page })}
          </h2>
          {state.events.length === 0 ? (
            <p>{t('noResults')}</p>
          ) : (
            <ScrollRegion label={t('results')}>
              <table data-testid="audit-results">
                <thead>
                  <tr>
                    <th scope="col">{t('when')}</th>
                    <th scope="col">{t('who')}</th>
                    <th scope="col">{t('purposes')}</th>
                    <th scope="col">{t('operation')}</th>
                    <th scope="col">{t('decision')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t('open')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {state.events.map((event) => (
                    <tr key={event.eventId}>
                      <td>{formatDateTime(event.occurredAt)}</td>
                      <td>
                        {event.organisation ?? ''} <span class="muted">{event.userId ?? event.clientId}</span>
                      </td>
                      <td>{event.purposes.join(', ')}</td>
                      <td>{event.operationName ?? ''}</td>
                      <td>
                        <DecisionBadge decision={event.decision} />
                      </td>
                      <td>
                        <Link href={`/officer/events/${encodeURIComponent(event.eventId)}`}>{t('open')}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          <div class="pager">
            <button
              type="button"
              class="secondary"
              disabled={busy || page <= 1}
              onClick={() => void readPage(form, state.cursors.slice(0, -1))}
            >
              {t('previousPage')}
            </button>
            <button
              type="button"
              class="secondary"
              disabled={busy || !state.hasNextPage}
              onClick={() => void readPage(form, [...state.cursors, state.endCursor])}
            >
              {t('nextPage')}
            </button>
          </div>
        </section>
      )}
    </Layout>
  );
}
