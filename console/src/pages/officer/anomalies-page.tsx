import { useEffect, useState } from 'preact/hooks';
import { ScrollRegion } from '../../components/scroll-region';
import { graphql } from '../../api/graphql';
import { BarChart } from '../../components/bar-chart';
import { ErrorNotice } from '../../components/error-notice';
import { Layout } from '../../components/layout';
import { useAction } from '../../components/use-action';
import { OFFICER_AUDIT } from '../../grants';
import { formatCount, formatDate, formatDateTime, language, t, type MessageKey } from '../../i18n/i18n';
import { anomaliesPerDay, isoDay } from './anomalies-per-day';
import { AUDIT_ANOMALIES } from './audit-queries';
import { OFFICER_SIGNED_IN, officerNav } from './officer-nav';
import { DateField } from '../../components/date-field';

/** An anomaly as the gateway reports it. */
interface Anomaly {
  kind: 'VOLUME_ABOVE_BASELINE' | 'OFF_HOURS_ACCESS' | 'REFUSED_BURST';
  clientId: string;
  organisation: string | null;
  windowStart: string;
  windowEnd: string;
  observed: number;
  baseline: number | null;
  threshold: number;
  detail: string;
  detailEn: string;
}

/** The gateway serves at most 31 days at once. */
const WINDOW_DAYS = 30;

/** The anomaly reports of a window: a chart of their number per day with its table beside, then each anomaly. */
export function AnomaliesPage({ path }: { path: string }) {
  const today = new Date();
  const start = new Date(today);
  start.setUTCDate(start.getUTCDate() - (WINDOW_DAYS - 1));
  const [window, setWindow] = useState({ from: isoDay(start), to: isoDay(today) });
  const [anomalies, setAnomalies] = useState<Anomaly[] | null>(null);
  const { busy, error, run } = useAction();

  const read = async () => {
    const to = new Date(`${window.to}T00:00:00Z`);
    to.setUTCDate(to.getUTCDate() + 1);
    const answer = await run(() =>
      graphql<{ auditAnomalies: Anomaly[] }>(OFFICER_AUDIT, AUDIT_ANOMALIES, {
        from: new Date(`${window.from}T00:00:00Z`).toISOString(),
        to: to.toISOString(),
      }),
    );
    if (answer) setAnomalies(answer.auditAnomalies);
  };
  useEffect(() => {
    void read();
  }, []);

  const perDay = anomalies ? anomaliesPerDay(anomalies, window.from, window.to) : [];
  return (
    <Layout title={t('anomaliesTitle')} nav={officerNav()} path={path} signedIn={OFFICER_SIGNED_IN}>
      <form
        class="search"
        onSubmit={(event) => {
          event.preventDefault();
          void read();
        }}
      >
        <DateField id="anomalies-from" label={t('from')} value={window.from} onChange={(from) => setWindow({ ...window, from })} />
        <DateField id="anomalies-to" label={t('to')} value={window.to} onChange={(to) => setWindow({ ...window, to })} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('show')}
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
      {anomalies && (
        <>
          <section class="chart-and-table" aria-labelledby="anomalies-chart-heading">
            <h2 id="anomalies-chart-heading">{t('anomaliesChart')}</h2>
            <BarChart
              id="anomalies-per-day"
              title={t('anomaliesChart')}
              description={t('anomaliesChartDesc')}
              bars={perDay.map((entry) => ({ label: formatDate(`${entry.day}T12:00:00Z`), value: entry.count }))}
            />
            <table>
              <caption>{t('tableOf', { title: t('anomaliesChart') })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('day')}</th>
                  <th scope="col">{t('count')}</th>
                </tr>
              </thead>
              <tbody>
                {perDay.map((entry) => (
                  <tr key={entry.day}>
                    <th scope="row">{formatDate(`${entry.day}T12:00:00Z`)}</th>
                    <td>{formatCount(entry.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {anomalies.length === 0 ? (
            <p>{t('anomaliesNone')}</p>
          ) : (
            <ScrollRegion label={t('anomaliesTitle')}>
              <table data-testid="anomalies">
                <thead>
                  <tr>
                    <th scope="col">{t('kind')}</th>
                    <th scope="col">{t('who')}</th>
                    <th scope="col">{t('when')}</th>
                    <th scope="col">{t('observed')}</th>
                    <th scope="col">{t('threshold')}</th>
                    <th scope="col">{t('detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {anomalies.map((anomaly) => (
                    <tr key={`${anomaly.kind} ${anomaly.clientId} ${anomaly.windowStart}`}>
                      <td>{t(anomaly.kind as MessageKey)}</td>
                      <td>
                        {anomaly.organisation ?? ''} <code>{anomaly.clientId}</code>
                      </td>
                      <td>
                        {formatDateTime(anomaly.windowStart)} – {formatDateTime(anomaly.windowEnd)}
                      </td>
                      <td>{formatCount(anomaly.observed)}</td>
                      <td>{formatCount(anomaly.threshold)}</td>
                      <td lang={language() === 'en' ? 'en' : 'fr'}>{language() === 'en' ? anomaly.detailEn : anomaly.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </>
      )}
    </Layout>
  );
}
