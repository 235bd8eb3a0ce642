// The text of a profile report: each process's top ten by package and by
// function, the SQL statements, and the closing summary (per layer CPU per
// decision and share, SQL statements per decision, the ten hottest functions
// overall). Pure.
import { markdownTable } from '../bench/measure/table.mjs';
import { IDLE_BELOW } from './profile-report.mjs';

const TOP = 10;

/** A number with `digits` decimals, or n/a. */
export const fixed = (value, digits = 2) =>
  value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
/** A share as a percentage. */
export const percent = (share) => (share === null || share === undefined ? 'n/a' : `${(share * 100).toFixed(1)}%`);

/** One line on the measured window: load, decisions, latency, errors, machine. */
export function describeWindow(report) {
  const { load, options } = report;
  const shape = options.load.executor === 'closed' ? `closed loop, ${options.load.vus} VUs` : `${options.load.rate} checks/s`;
  const errors = load.errors
    ? `, ${load.errors} errors (${Object.entries(load.errorKinds ?? {})
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')})`
    : ', no errors';
  return `${report.gatewayName} on ${options.storage} (${options.persons.toLocaleString('en-US')} persons), ${shape}: ${load.decisions} decisions in ${fixed(load.seconds, 1)} s (${fixed(load.rps, 0)}/s), p50 ${fixed(load.p50, 1)} ms, p99 ${fixed(load.p99, 1)} ms${errors}${load.dropped ? `, ${load.dropped} dropped` : ''}; warm-up ${options.warmup} s before`;
}

/** Each profiled process: top ten packages and functions by self time. */
export function renderProcesses(report) {
  const out = [];
  for (const [name, p] of Object.entries(report.processes)) {
    const busy = p.busyMs + p.idleMs > 0 ? p.busyMs / (p.busyMs + p.idleMs) : 0;
    out.push(`\n${name}: busy ${percent(busy)} of the profile window (${fixed(p.busyMs, 0)} ms sampled), ${p.file ?? 'no file'}`);
    if (busy < IDLE_BELOW) continue;
    out.push(
      markdownTable(
        ['package', 'self CPU ms/decision', 'share'],
        p.byPackage.slice(0, TOP).map((g) => [g.package, fixed(g.cpuMsPerDecision, 3), percent(g.share)]),
      ),
      '',
      markdownTable(
        ['function', 'where', 'package', 'self CPU ms/decision', 'share'],
        p.byFunction.slice(0, TOP).map((f) => [f.function, f.location, f.package, fixed(f.cpuMsPerDecision, 3), percent(f.share)]),
      ),
    );
  }
  return out.join('\n');
}

/** The statements by total time (execution plus planning). */
export function renderStatements(report, { top = 15 } = {}) {
  if (!report.sql) return '\nSQL statements: n/a (SQLite storage)';
  const rows = report.sql.statements
    .slice(0, top)
    .map((s, i) => [
      i + 1,
      s.database,
      s.short,
      fixed(s.callsPerDecision, 2),
      fixed(s.msPerDecision, 3),
      fixed(s.meanMs, 3),
      fixed(s.planMs / Math.max(s.totalMs, 1e-9), 2),
      fixed(s.rowsPerCall, 1),
      fixed(s.blocksPerCall, 1),
      percent(s.share),
    ]);
  return [
    `\nSQL statements by total time (pg_stat_statements, execution + planning; ${report.sql.statements.length} shapes, the first ${Math.min(top, report.sql.statements.length)}):`,
    markdownTable(
      ['#', 'database', 'statement', 'calls/decision', 'ms/decision', 'mean ms', 'plan share', 'rows/call', 'blocks/call', 'share of SQL'],
      rows,
    ),
  ].join('\n');
}

/** Below this CPU per decision a process is off the path: its kernel share would be a few clock ticks' noise. */
const OFF_THE_PATH_MS = 0.005;

/** The closing summary: layers, SQL per decision, the ten hottest functions overall. */
export function renderSummary(report) {
  const layers = markdownTable(
    ['layer', 'CPU ms/decision', 'share', 'in the kernel', 'hottest function (share of the process)', 'hottest package (share)'],
    [
      ...report.layers.map((l) => [
        l.name,
        fixed(l.cpuMsPerDecision),
        percent(l.share),
        l.kernelShare === null || l.kernelShare === undefined || !(l.cpuMsPerDecision >= OFF_THE_PATH_MS) ? '' : percent(l.kernelShare),
        l.hottestFunction ? `${l.hottestFunction.function} (${percent(l.hottestFunction.share)})` : '',
        l.hottestPackage ? `${l.hottestPackage.package} (${percent(l.hottestPackage.share)})` : '',
      ]),
      ['**total (the path)**', fixed(report.total.cpuMsPerDecision), '100%', '', '', ''],
      ['outside the path: k6, the token issuer, other users', fixed(report.outside.cpuMsPerDecision), '', '', '', ''],
    ],
  );
  const sql = report.sql
    ? markdownTable(
        ['database', 'statements/decision', 'utility/decision (BEGIN, COMMIT, SET…)', 'SQL ms/decision'],
        [
          ...report.sql.byDatabase.map((d) => [
            `${d.cluster}: ${d.database}`,
            fixed(d.statementsPerDecision),
            fixed(d.utilityPerDecision),
            fixed(d.msPerDecision, 3),
          ]),
          ['**total**', fixed(report.sql.statementsPerDecision), fixed(report.sql.utilityPerDecision), fixed(report.sql.msPerDecision, 3)],
        ],
      )
    : 'SQL statements: n/a (SQLite storage)';
  const functions = markdownTable(
    ['#', 'process', 'function', 'where', 'package', 'self CPU ms/decision', 'share of its process'],
    report.topFunctions.map((f, i) => [
      i + 1,
      f.process,
      f.function,
      f.location,
      f.package,
      fixed(f.cpuMsPerDecision, 3),
      percent(f.share),
    ]),
  );
  return [
    `\n== summary: ${describeWindow(report)}`,
    `   commit ${report.machine.commit}${report.machine.dirty ? ' (uncommitted changes)' : ''}; ${report.machine.nproc} CPUs, load average at start ${report.machine.load}, the machine ${percent(report.machineBusyShare)} busy over the measured window; \`${report.command}\``,
    '',
    'CPU per decision by layer (utime + stime from /proc over the measured window, no profiler running, ÷ decisions; PostgreSQL: postmaster and backends; in the kernel: the stime share, what system calls cost):',
    layers,
    '',
    'SQL per decision (statements: top-level, utility excluded, as the benchmark counts them):',
    sql,
    '',
    `The ten hottest functions overall (self CPU = share of its process's samples in the profile window × the process's CPU per decision; V8's profiler samples on wall time, so a system call that wakes another process, writev above all, is also charged the time its process waited for the core the woken one took: the kernel column above is what system calls cost; ${report.profileLoad ? `${report.profileLoad.decisions} decisions profiled` : 'no profile window'}):`,
    functions,
  ].join('\n');
}
