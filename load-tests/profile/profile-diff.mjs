// Before/after of two profile reports (profile-report.mjs): CPU per decision
// by layer, throughput and latency, SQL per decision and the statements, and
// the hot functions of either run. Pure; compare-profiles.mjs is its command.
import { markdownTable } from '../bench/measure/table.mjs';
import { REPORT_FORMAT } from './profile-report.mjs';
import { fixed } from './profile-tables.mjs';

/** `-23%`, `+5%`, or `new` / `gone` / blank when one side is missing. */
export function change(before, after) {
  const known = (v) => typeof v === 'number' && Number.isFinite(v);
  if (!known(before) && !known(after)) return '';
  if (!known(before)) return 'new';
  if (!known(after)) return 'gone';
  if (before === 0) return after === 0 ? '0%' : 'new';
  const ratio = after / before - 1;
  return `${ratio >= 0 ? '+' : '−'}${Math.abs(ratio * 100).toFixed(0)}%`;
}

/** Other processes' CPU (cores) of one run over the other's beyond which the comparison warns. */
const NOISE_RATIO = 1.25;

/** The settings that must match for a fair comparison, with the first that differs. */
function settingsDiffer(a, b) {
  const pick = (r) => ({
    storage: r.options.storage,
    persons: r.options.persons,
    gateway: r.options.gateway,
    load: JSON.stringify(r.options.load),
    duration: r.options.duration,
    warmup: r.options.warmup,
  });
  const [x, y] = [pick(a), pick(b)];
  return Object.keys(x)
    .filter((key) => x[key] !== y[key])
    .map((key) => `${key} ${x[key]} → ${y[key]}`);
}

/** A function's key across runs: process, name and file (line numbers move when code changes). */
const functionKey = (process, f) => `${process}\u0000${f.function}\u0000${f.location.replace(/:\d+/g, '')}`;

function functionIndex(report) {
  const index = new Map();
  for (const [process, p] of Object.entries(report.processes ?? {})) for (const f of p.byFunction) index.set(functionKey(process, f), f);
  return index;
}

const statementKey = (s) => `${s.cluster}\u0000${s.database}\u0000${s.statement}`;

function describe(label, r) {
  return `${label}: ${r.id}, commit ${r.machine.commit}${r.machine.dirty ? ' (uncommitted changes)' : ''}, ${r.load.decisions} decisions (${fixed(r.load.rps, 0)}/s), machine ${fixed((r.machineBusyShare ?? 0) * 100, 0)}% busy; \`${r.command}\``;
}

function layersTable(a, b) {
  const names = [...new Set([...a.layers.map((l) => l.name), ...b.layers.map((l) => l.name)])];
  const cpu = (r, name) => r.layers.find((l) => l.name === name)?.cpuMsPerDecision ?? null;
  const row = (label, x, y, digits = 2) => [label, fixed(x, digits), fixed(y, digits), change(x, y)];
  return markdownTable(
    ['per decision', 'before', 'after', 'change'],
    [
      ...names.map((name) => row(`${name} CPU ms`, cpu(a, name), cpu(b, name))),
      row('**total CPU ms (the path)**', a.total.cpuMsPerDecision, b.total.cpuMsPerDecision),
      row('outside the path CPU ms (k6, issuer, other users)', a.outside.cpuMsPerDecision, b.outside.cpuMsPerDecision),
      row('SQL statements', a.sql?.statementsPerDecision ?? null, b.sql?.statementsPerDecision ?? null),
      row('SQL ms (execution + planning)', a.sql?.msPerDecision ?? null, b.sql?.msPerDecision ?? null, 3),
      row('throughput (decisions/s)', a.load.rps, b.load.rps, 0),
      row('p50 ms', a.load.p50, b.load.p50, 1),
      row('p99 ms', a.load.p99, b.load.p99, 1),
    ],
  );
}

function statementsTable(a, b, top) {
  if (!a.sql && !b.sql) return 'SQL: n/a in both runs (SQLite storage)';
  const index = (r) => new Map((r.sql?.statements ?? []).map((s) => [statementKey(s), s]));
  const [ia, ib] = [index(a), index(b)];
  const keys = [...new Set([...(a.sql?.statements ?? []).slice(0, top), ...(b.sql?.statements ?? []).slice(0, top)].map(statementKey))];
  const rows = keys
    .map((key) => ({ key, x: ia.get(key), y: ib.get(key) }))
    .sort((p, q) => Math.max(q.x?.totalMs ?? 0, q.y?.totalMs ?? 0) - Math.max(p.x?.totalMs ?? 0, p.y?.totalMs ?? 0))
    .map(({ x, y }) => {
      const s = x ?? y;
      return [
        s.database,
        s.short,
        fixed(x?.callsPerDecision ?? null),
        fixed(y?.callsPerDecision ?? null),
        fixed(x?.msPerDecision ?? null, 3),
        fixed(y?.msPerDecision ?? null, 3),
        change(x?.msPerDecision ?? null, y?.msPerDecision ?? null),
      ];
    });
  return markdownTable(['database', 'statement', 'calls before', 'calls after', 'ms before', 'ms after', 'change'], rows);
}

function functionsTable(a, b) {
  const [ia, ib] = [functionIndex(a), functionIndex(b)];
  const keys = [...new Set([...a.topFunctions, ...b.topFunctions].map((f) => functionKey(f.process, f)))];
  const rows = keys
    .map((key) => ({ process: key.split('\u0000')[0], x: ia.get(key), y: ib.get(key) }))
    .sort(
      (p, q) =>
        Math.max(q.x?.cpuMsPerDecision ?? 0, q.y?.cpuMsPerDecision ?? 0) - Math.max(p.x?.cpuMsPerDecision ?? 0, p.y?.cpuMsPerDecision ?? 0),
    )
    .map(({ process, x, y }) => {
      const f = x ?? y;
      return [
        process,
        f.function,
        f.location,
        fixed(x?.cpuMsPerDecision ?? null, 3),
        fixed(y?.cpuMsPerDecision ?? null, 3),
        change(x?.cpuMsPerDecision ?? null, y?.cpuMsPerDecision ?? null),
      ];
    });
  return markdownTable(['process', 'function', 'where (after)', 'CPU ms before', 'CPU ms after', 'change'], rows);
}

/** The before/after text of two reports; throws when either is not a profile report. */
export function compareProfiles(before, after, { topStatements = 10 } = {}) {
  for (const [label, r] of [
    ['before', before],
    ['after', after],
  ]) {
    if (r?.format !== REPORT_FORMAT)
      throw new Error(`${label} is not a profile report (${REPORT_FORMAT}): format ${r?.format ?? 'missing'}`);
  }
  const differ = settingsDiffer(before, after);
  const [others, othersAfter] = [before.outside.cpuMs / before.load.seconds, after.outside.cpuMs / after.load.seconds];
  const unequal = Math.max(others, othersAfter) > NOISE_RATIO * Math.max(Math.min(others, othersAfter), 1);
  return [
    describe('before', before),
    describe('after ', after),
    ...(differ.length ? [`warning: the runs differ in ${differ.join(', ')}: read the changes with care`] : []),
    ...(unequal
      ? [
          `warning: the rest of the machine used ${fixed(others / 1000, 2)} cores before and ${fixed(othersAfter / 1000, 2)} after: CPU per decision moves with that load, read small changes as noise`,
        ]
      : []),
    '',
    'CPU per decision by layer, SQL, throughput and latency:',
    layersTable(before, after),
    '',
    `SQL statements (the first ${topStatements} by total time of either run; calls and ms per decision):`,
    statementsTable(before, after, topStatements),
    '',
    "The hottest functions of either run (self CPU ms per decision; n/a: not among that run's 50 hottest of the process):",
    functionsTable(before, after),
  ].join('\n');
}
