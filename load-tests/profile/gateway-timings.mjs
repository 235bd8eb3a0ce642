// Where a decision's time goes, as the gateway itself measures it: the means
// of its operation histogram, of its subgraph fetch histograms (by
// subgraph and outcome; `shared` is a fetch answered from the gateway's
// shared answers) and of its audit commit histogram (the wait for an event
// to be durable: an answer's after its operation, a mutation's intent
// before it) over the measured window, from
// its /metrics before and after. Read next to the CPU per layer: a fetch that takes milliseconds
// but costs a fraction of one in CPU is waiting (another process, the
// scheduler, the database), not working.
import { markdownTable } from '../bench/measure/table.mjs';

const HISTOGRAMS = {
  operation: 'cmb_gateway_operation_duration_seconds',
  fetch: 'cmb_gateway_subgraph_fetch_duration_seconds',
  audit: 'cmb_gateway_audit_commit_seconds',
};

/** What counts as a stall of one operation or fetch: over 100 ms (a bucket bound of the gateway's histograms). */
const SLOW_SECONDS = '0.1';

/**
 * The `_sum` and `_count` of each labelled series of one histogram in a
 * Prometheus text, and `fast`: how many took at most 100 ms (null without that bucket).
 */
function seriesOf(text, name) {
  const series = new Map();
  const entryOf = (labels) => {
    const entry = series.get(labels) ?? { sum: 0, count: 0, fast: null };
    series.set(labels, entry);
    return entry;
  };
  for (const match of text.matchAll(new RegExp(`^${name}_(sum|count)\\{([^}]*)\\} (\\S+)$`, 'gm'))) {
    const [, part, labels, value] = match;
    entryOf(labels)[part] = Number(value);
  }
  for (const match of text.matchAll(new RegExp(`^${name}_bucket\\{([^}]*)\\} (\\S+)$`, 'gm'))) {
    const [, labels, value] = match;
    // The series' own labels are those of its _sum and _count: all but `le` (our label values have no comma).
    const parts = labels.split(',');
    if (!parts.includes(`le="${SLOW_SECONDS}"`)) continue;
    entryOf(parts.filter((part) => !part.startsWith('le=')).join(',')).fast = Number(value);
  }
  return series;
}

/** The gateway's histograms now; null when it has no metrics URL (a peer, the floor) or does not answer. */
export async function readGatewayTimings(metricsUrl) {
  if (!metricsUrl) return null;
  try {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return null;
    const text = await response.text();
    return Object.fromEntries(Object.entries(HISTOGRAMS).map(([kind, name]) => [kind, seriesOf(text, name)]));
  } catch {
    return null;
  }
}

/** A label's value in a Prometheus label set (`subgraph="providers",outcome="ok"`). */
const labelOf = (labels, name) => new RegExp(`${name}="([^"]*)"`).exec(labels)?.[1] ?? '';

/** The rows of the window: each series that moved, its count per decision, its mean in ms and how many took over 100 ms. */
export function timingsBetween(before, after, decisions) {
  if (!before || !after || !(decisions > 0)) return null;
  const rows = [];
  for (const [kind, labelName] of [
    ['operation', 'root_field'],
    ['fetch', 'subgraph'],
    ['audit', null],
  ]) {
    for (const [labels, end] of after[kind] ?? []) {
      const start = before[kind]?.get(labels) ?? { sum: 0, count: 0, fast: 0 };
      const count = end.count - start.count;
      if (count <= 0) continue;
      // Without the 100 ms bucket (histograms with other bounds) the window's stalls are unknown, not zero.
      const over100ms = end.fast === null ? null : count - (end.fast - (start.fast ?? 0));
      rows.push({
        kind,
        name: labelName ? labelOf(labels, labelName) : 'commit',
        outcome: labelOf(labels, 'outcome'),
        perDecision: count / decisions,
        meanMs: ((end.sum - start.sum) / count) * 1000,
        over100ms,
      });
    }
  }
  const order = ['operation', 'fetch', 'audit'];
  return rows.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : order.indexOf(a.kind) - order.indexOf(b.kind)));
}

/** The table of the window's timings, or a line saying why there is none. */
export function renderTimings(timings) {
  if (!timings?.length) return 'Timings: n/a (no gateway metrics)';
  const rows = timings.map((t) => [
    t.kind === 'operation'
      ? `operation ${t.name}`
      : t.kind === 'audit'
        ? 'audit event committed (after the operation)'
        : `fetch to ${t.name}`,
    t.outcome,
    t.perDecision.toFixed(2),
    t.meanMs.toFixed(2),
    t.over100ms === null ? 'n/a' : String(t.over100ms),
  ]);
  return `Where a decision's time goes (the gateway's own histograms over the measured window; \`shared\`: answered from its shared answers; over 100 ms: how many stalled):\n${markdownTable(['what', 'outcome', 'per decision', 'mean ms', 'over 100 ms'], rows)}`;
}

/**
 * `operation 12, beneficiaries 1, care-pathways 11, audit commit 3`: where
 * the window's stalls (over 100 ms) were: operations, the fetches among them,
 * and the audit commits (an answer's after its operation, a mutation's
 * intent before it); empty when none, null when the gateway's metrics could
 * not be read or lack the 100 ms bound.
 */
export function describeStalls(timings) {
  if (!timings || timings.some((t) => t.over100ms === null)) return null;
  return timings
    .filter((t) => t.over100ms > 0)
    .map(
      (t) =>
        `${t.kind === 'fetch' ? t.name : t.kind === 'audit' ? 'audit commit' : 'operation'}${t.outcome === 'ok' ? '' : ` (${t.outcome})`} ${t.over100ms}`,
    )
    .join(', ');
}
