// Summaries across passes and the Markdown tables printed to stdout and
// written to RESULTS.md.
import { HOT_SUBGRAPHS } from '../mix.mjs';
import { describeMachine } from './machine-stalls.mjs';
import { median, ratioSpread, spread } from './stats.mjs';

/** A Markdown table with padded columns (readable as plain text too). */
export function markdownTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const fixed = (value, digits) => (value === null || value === undefined ? 'n/a' : value.toFixed(digits));
const range = ({ median: m, min, max }, digits, unit = '') =>
  m === null
    ? 'n/a'
    : min === max
      ? `${fixed(m, digits)}${unit}`
      : `${fixed(m, digits)}${unit} (${fixed(min, digits)}–${fixed(max, digits)})`;

/** Adds up `{ kind: count }` objects (missing ones count as none). */
export function addKinds(objects) {
  const total = {};
  for (const object of objects) for (const [kind, count] of Object.entries(object ?? {})) total[kind] = (total[kind] ?? 0) + count;
  return total;
}

/** `12 of 3000 (SUBGRAPH_UNAVAILABLE 10, TIMEOUT 2), 5 dropped` */
function errorCell({ errors, requests, errorKinds, dropped }) {
  const kinds = Object.entries(errorKinds ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  return `${errors} of ${requests}${kinds ? ` (${kinds})` : ''}${dropped ? `, ${dropped} dropped` : ''}`;
}

/** Summary of one contestant's visits (one per pass, in pass order), with ratios to the baselines' visits. */
export function summarize(contestant, visits, baselines) {
  const rps = visits.map((v) => v.closed.rps);
  const sumOf = (pick) => visits.reduce((total, v) => total + pick(v), 0);
  const upstream = (pick) => spread(visits.map((v) => pick(v.closed)));
  return {
    contestant,
    passes: visits.length,
    rps: spread(rps),
    toApollo: baselines.apollo
      ? ratioSpread(
          rps,
          baselines.apollo.map((v) => v.closed.rps),
        )
      : spread([]),
    toFloor: baselines.floor
      ? ratioSpread(
          rps,
          baselines.floor.map((v) => v.closed.rps),
        )
      : spread([]),
    p50: spread(visits.map((v) => v.rate.p50)),
    p95: spread(visits.map((v) => v.rate.p95)),
    p99: spread(visits.map((v) => v.rate.p99)),
    cpuSaturated: spread(visits.map((v) => v.closed.cpuMsPerRequest)),
    cpuAtRate: spread(visits.map((v) => v.rate.cpuMsPerRequest)),
    peakRssMb: Math.max(...visits.map((v) => v.peakRssMb ?? 0)) || null,
    requests: sumOf((v) => v.closed.requests + v.rate.requests),
    errors: sumOf((v) => v.closed.errors + v.rate.errors),
    errorKinds: addKinds(visits.flatMap((v) => [v.closed.errorKinds, v.rate.errorKinds])),
    dropped: sumOf((v) => v.rate.dropped),
    statements: Object.fromEntries(
      HOT_SUBGRAPHS.map((name) => [name, upstream((c) => c.statements?.[`cmb_${name.replace(/-/g, '_')}`] ?? null)]),
    ),
    subgraphCpu: Object.fromEntries(HOT_SUBGRAPHS.map((name) => [name, upstream((c) => c.subgraphCpuMs[name])])),
    allSubgraphsCpu: upstream((c) => Object.values(c.subgraphCpuMs).reduce((a, b) => a + (b ?? 0), 0)),
    postgresCpu: upstream((c) => c.postgresCpuMs),
  };
}

/** The main table: one row per contestant. */
export function resultsTable(summaries, { rate }) {
  const headers = [
    'contestant',
    'mode',
    'req/s median (min–max)',
    '× stock Apollo',
    '× floor',
    `p50 / p95 / p99 ms at ${rate}/s`,
    'CPU ms/req saturated',
    `CPU ms/req at ${rate}/s`,
    'peak RSS MB',
    'errors',
  ];
  const rows = summaries.map((s) => [
    s.contestant.name,
    s.contestant.notes,
    range(s.rps, 0),
    range(s.toApollo, 2, '×'),
    range(s.toFloor, 2, '×'),
    `${fixed(s.p50.median, 1)} / ${fixed(s.p95.median, 1)} / ${fixed(s.p99.median, 1)}${s.p99.min !== s.p99.max ? ` (p99 ${fixed(s.p99.min, 1)}–${fixed(s.p99.max, 1)})` : ''}${s.dropped > 0 ? ' †' : ''}`,
    range(s.cpuSaturated, 2),
    range(s.cpuAtRate, 2),
    fixed(s.peakRssMb, 0),
    errorCell(s),
  ]);
  return markdownTable(headers, rows);
}

/** Upstream work per response at saturation: SQL statements per subgraph database and CPU of the subgraphs and PostgreSQL. */
export function upstreamTable(summaries) {
  const headers = [
    'contestant',
    ...HOT_SUBGRAPHS.map((n) => `${n} SQL/resp`),
    ...HOT_SUBGRAPHS.map((n) => `${n} CPU ms/resp`),
    'all subgraphs CPU ms/resp',
    'PostgreSQL CPU ms/resp',
  ];
  const rows = summaries.map((s) => [
    s.contestant.name,
    ...HOT_SUBGRAPHS.map((n) => fixed(s.statements[n].median, 2)),
    ...HOT_SUBGRAPHS.map((n) => fixed(s.subgraphCpu[n].median, 2)),
    fixed(s.allSubgraphsCpu.median, 2),
    fixed(s.postgresCpu.median, 2),
  ]);
  return markdownTable(headers, rows);
}

/** The --scale table: one row per dataset size. */
export function scaleTable(rows, { rate }) {
  const headers = [
    'persons',
    'seed s',
    'warmed MB (s)',
    'DB MB: beneficiaries / providers / care-pathways / medicines / medical-records',
    `p50 / p95 / p99 ms at ${rate}/s`,
    `p99 ÷ p99 at ${rows[0]?.persons.toLocaleString('en-US')} (per pass)`,
    'CPU ms/req (gateway)',
    'errors',
  ];
  return markdownTable(
    headers,
    rows.map((r) => [
      r.persons.toLocaleString('en-US'),
      r.seed.reused ? `${fixed(r.seed.seconds, 1)} (reused)` : fixed(r.seed.seconds, 1),
      r.warm ? `${fixed(r.warm.megabytes, 0)} (${fixed(r.warm.seconds, 1)})` : 'cold',
      ['beneficiaries', 'providers', 'care-pathways', 'medicines', 'medical-records']
        .map((n) => fixed((r.sizes[n] ?? 0) / 1048576, 1))
        .join(' / '),
      `${fixed(r.p50.median, 1)} / ${fixed(r.p95.median, 1)} / ${range(r.p99, 1)}${r.dropped > 0 ? ' †' : ''}`,
      range(r.p99ToSmallest, 2, '×'),
      range(r.cpu, 2),
      errorCell(r),
    ]),
  );
}

/** The scale study's runs in the order they ran: pass, size, latency, where the gateway's slow operations waited, what the machine did. */
export function passTable(passes, { rate }) {
  return markdownTable(
    ['pass', 'persons', `p50 / p99 ms at ${rate}/s`, 'dropped', 'over 100 ms (gateway histograms)', 'machine meanwhile'],
    passes.map(({ pass, persons, run }) => [
      pass,
      persons.toLocaleString('en-US'),
      `${fixed(run.p50, 1)} / ${fixed(run.p99, 1)}`,
      run.dropped ?? 0,
      run.stalls ?? 'n/a',
      describeMachine(run.machine ?? {}) || 'n/a',
    ]),
  );
}

export { median };
