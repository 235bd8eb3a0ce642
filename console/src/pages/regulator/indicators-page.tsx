import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../../api/graphql';
import { ErrorNotice } from '../../components/error-notice';
import { Layout } from '../../components/layout';
import { useAction } from '../../components/use-action';
import { REGULATOR_STATISTICS } from '../../grants';
import { t } from '../../i18n/i18n';
import { IndicatorFigure } from './indicator-figure';
import { INDICATORS, type IndicatorTable } from './indicator-queries';
import { DateField } from '../../components/date-field';

/** The default period: the last 30 days. */
const PERIOD_DAYS = 30;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The regulator's indicators, live from the graph: a chart with its table beside for each; suppressed cells shown as such. */
export function IndicatorsPage({ path }: { path: string }) {
  const today = new Date();
  const start = new Date(today);
  start.setUTCDate(start.getUTCDate() - PERIOD_DAYS);
  const [period, setPeriod] = useState({ asOf: isoDay(today), from: isoDay(start), to: isoDay(today) });
  const [tables, setTables] = useState<IndicatorTable[] | null>(null);
  const { busy, error, run } = useAction();

  const read = async () => {
    const answer = await run(() =>
      graphql<{ coverageIndicators: IndicatorTable[]; eligibilityCheckIndicators: IndicatorTable; breakGlassIndicators: IndicatorTable }>(
        REGULATOR_STATISTICS,
        INDICATORS,
        period,
      ),
    );
    if (answer) setTables([...answer.coverageIndicators, answer.eligibilityCheckIndicators, answer.breakGlassIndicators]);
  };
  useEffect(() => {
    void read();
  }, []);

  const threshold = tables?.[0]?.threshold;
  return (
    <Layout title={t('indicatorsTitle')} path={path} signedIn={{ client: 'officer-console', purposes: ['statistics:read'] }}>
      {threshold !== undefined && <p>{t('indicatorsIntro', { threshold })}</p>}
      <form
        class="search"
        onSubmit={(event) => {
          event.preventDefault();
          void read();
        }}
      >
        <DateField id="as-of" label={t('asOf')} value={period.asOf} onChange={(asOf) => setPeriod({ ...period, asOf })} />
        <DateField id="period-from" label={t('from')} value={period.from} onChange={(from) => setPeriod({ ...period, from })} />
        <DateField id="period-to" label={t('to')} value={period.to} onChange={(to) => setPeriod({ ...period, to })} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('show2')}
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
      {tables?.map((table) => (
        <IndicatorFigure key={table.id} table={table} />
      ))}
    </Layout>
  );
}
