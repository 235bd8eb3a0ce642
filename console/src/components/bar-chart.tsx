import { formatCount, language, t } from '../i18n/i18n';

/** One bar: its label, and its value, or null when the cell is suppressed. */
export interface Bar {
  label: string;
  value: number | null;
}

const ROW = 28;
const LABEL = 14;
const WIDTH = 560;

/**
 * A horizontal bar chart in SVG, drawn from the start side of the page's
 * direction (right in Arabic): a named image (its title and description)
 * whose bars carry their label and value; a suppressed cell is drawn as an
 * empty outlined bar marked "suppressed". The same figures are always in a
 * table beside it, for reading and for screen readers.
 */
export function BarChart({ id, title, description, bars }: { id: string; title: string; description: string; bars: readonly Bar[] }) {
  const rtl = language() === 'ar';
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const height = bars.length * (ROW + LABEL) + 8;
  const textX = rtl ? WIDTH : 0;
  const anchor = rtl ? 'end' : 'start';
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        data-chart={id}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((bar, index) => {
          const y = index * (ROW + LABEL);
          const length = bar.value === null ? WIDTH * 0.15 : Math.max(2, ((WIDTH - 80) * bar.value) / max);
          const x = rtl ? WIDTH - length : 0;
          const shown = bar.value === null ? t('suppressed') : formatCount(bar.value);
          return (
            <g key={bar.label} class={bar.value === null ? 'bar bar-suppressed' : 'bar'}>
              <title>{`${bar.label}: ${shown}`}</title>
              <text x={textX} y={y + LABEL - 3} text-anchor={anchor} class="bar-label">
                {bar.label}
              </text>
              <rect x={x} y={y + LABEL} width={length} height={ROW - 8} rx="2" />
              <text
                x={rtl ? x - 6 : x + length + 6}
                y={y + LABEL + ROW / 2}
                text-anchor={rtl ? 'end' : 'start'}
                dominant-baseline="middle"
                class="bar-value"
              >
                {shown}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
