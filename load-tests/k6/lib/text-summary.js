// A plain-text end-of-test summary: thresholds, checks, then every metric.
// k6 prints its own summary only when handleSummary returns nothing, and the
// script returns the JSON file too, so it renders the text itself (k6's
// renderer is a remote jslib module, and the runs must work offline).

const GOOD = '✓';
const BAD = '✗';

function formatTime(ms) {
  if (ms === undefined || ms === null) return '-';
  if (ms >= 1_000) return `${(ms / 1_000).toFixed(2)}s`;
  if (ms >= 1) return `${ms.toFixed(2)}ms`;
  return `${(ms * 1_000).toFixed(0)}µs`;
}

function formatBytes(bytes) {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1_000 && unit < units.length - 1) {
    value /= 1_000;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function formatValue(metric, value) {
  if (metric.contains === 'time') return formatTime(value);
  if (metric.contains === 'data') return formatBytes(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function describe(metric, trendStats) {
  const v = metric.values;
  switch (metric.type) {
    case 'trend':
      return trendStats
        .filter((stat) => stat in v)
        .map((stat) => `${stat}=${formatValue(metric, v[stat])}`)
        .join(' ');
    case 'rate':
      return `${(v.rate * 100).toFixed(2)}%  ${v.passes} of ${v.passes + v.fails}`;
    case 'counter':
      return `${formatValue(metric, v.count)}  ${formatValue(metric, v.rate)}/s`;
    default:
      return `${formatValue(metric, v.value)}  min=${formatValue(metric, v.min)} max=${formatValue(metric, v.max)}`;
  }
}

function collectChecks(group, into) {
  for (const check of group.checks ?? []) into.push(check);
  for (const child of group.groups ?? []) collectChecks(child, into);
  return into;
}

const dots = (name, width) => `${name} ${'.'.repeat(Math.max(2, width - name.length))}`;

/** The text summary of a k6 handleSummary `data` object, with a title line. */
export function textSummary(data, title) {
  const metrics = data.metrics ?? {};
  const names = Object.keys(metrics).sort();
  const width = Math.max(24, ...names.map((name) => name.length + 2));
  const trendStats = data.options?.summaryTrendStats ?? ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];
  const lines = ['', `  ${title}`, `  ran ${((data.state?.testRunDurationMs ?? 0) / 1_000).toFixed(1)} s`, ''];

  lines.push('  THRESHOLDS');
  for (const name of names) {
    for (const [source, result] of Object.entries(metrics[name].thresholds ?? {})) {
      lines.push(`    ${result.ok ? GOOD : BAD} ${name}: ${source}`);
    }
  }

  lines.push('', '  CHECKS');
  for (const check of collectChecks(data.root_group ?? {}, [])) {
    lines.push(`    ${check.fails === 0 ? GOOD : BAD} ${check.name}: ${check.passes} passed, ${check.fails} failed`);
  }

  lines.push('', '  METRICS');
  for (const name of names) lines.push(`    ${dots(name, width)}: ${describe(metrics[name], trendStats)}`);
  return `${lines.join('\n')}\n\n`;
}
