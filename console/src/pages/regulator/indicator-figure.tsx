import { BarChart } from '../../components/bar-chart';
import { ScrollRegion } from '../../components/scroll-region';
import { formatCount, t, tOr } from '../../i18n/i18n';
import type { IndicatorTable } from './indicator-queries';

/** Most bars one chart draws; the table beside always has every row. */
const MAX_BARS = 30;

/** A cell as published: its count, or the reason it is suppressed. */
function cellText(row: IndicatorTable['rows'][number], threshold: number): string {
  if (row.count !== null) return formatCount(row.count);
  return row.suppressed === 'COMPLEMENTARY' ? t('suppressedComplementary') : t('suppressedSmall', { threshold });
}

/** One indicator: its chart, and its table beside (every row, suppressed cells said so, the total). */
export function IndicatorFigure({ table }: { table: IndicatorTable }) {
  const title = tOr(`indicator.${table.id}`, table.title);
  const headingId = `indicator-${table.id}`;
  return (
    <section class="chart-and-table" aria-labelledby={headingId} data-indicator={table.id}>
      <h2 id={headingId}>{title}</h2>
      <BarChart
        id={`chart-${table.id}`}
        title={t('chartOf', { title })}
        description={t('indicatorsIntro', { threshold: table.threshold })}
        bars={table.rows.slice(0, MAX_BARS).map((row) => ({ label: row.values.join(' · '), value: row.count }))}
      />
      <ScrollRegion label={t('tableOf', { title })}>
        <table data-testid={`table-${table.id}`}>
          <caption>{t('tableOf', { title })}</caption>
          <thead>
            <tr>
              {table.dimensions.map((dimension) => (
                <th scope="col" key={dimension}>
                  {tOr(`dimension.${dimension}`, dimension)}
                </th>
              ))}
              <th scope="col">{t('count')}</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.values.join('\u0000')}>
                {row.values.map((value, index) => (
                  <td key={`${index}-${value}`}>{value}</td>
                ))}
                <td class={row.count === null ? 'cell-suppressed' : 'cell-count'} data-suppressed={row.suppressed ?? undefined}>
                  {cellText(row, table.threshold)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={Math.max(1, table.dimensions.length)}>
                {t('total')}
              </th>
              <td>{table.total === null ? t('suppressed') : formatCount(table.total)}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </section>
  );
}
