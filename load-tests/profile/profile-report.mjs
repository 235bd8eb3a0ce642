// The report of one profile run, as written to JSON and read back by
// compare-profiles.mjs: CPU per decision of each layer on the path (the
// gateway, each subgraph, each PostgreSQL cluster), the SQL statements, and
// each process's hot functions. Pure: the readings come in, the report goes out.
//
// A function's CPU per decision is its share of its process's sampled busy
// time (profile window) × the process's CPU per decision (/proc, measured
// window without the profiler): samples are taken on the wall clock, so on a
// loaded machine their raw milliseconds include time spent waiting for a core.
import { summarizeStatements } from './sql-statements.mjs';

/** The report's format; compare-profiles.mjs refuses others. */
export const REPORT_FORMAT = 'cmb-profile/1';

/** How many functions and packages per process the report keeps (the tables print ten). */
const KEPT = 50;

/** A process busy less than this share of the profile window has no hottest function (it is not on the path). */
export const IDLE_BELOW = 0.01;

const per = (value, decisions) => (decisions > 0 ? value / decisions : null);

/** Decisions of a k6 window: completed requests less errors. */
export const decisionsOf = (load) => Math.max(0, load.requests - load.errors);

/**
 * Builds the report. `readings`:
 * - meta: `{ id, startedAt, command, gatewayName, options, machine }` (stored as given);
 * - load: k6's figures of the measured window (`requests`, `errors`, `rps`, `p50`, `p99`, ...);
 * - layers: `[{ name, kind: 'gateway'|'subgraph'|'postgres', pid, cpuMs, kernelMs? }]`, CPU over the measured window
 *   (`kernelMs`: the part spent in the kernel, stime, for the Node processes);
 * - machineBusyMs: CPU the whole machine spent busy over the measured window;
 * - statements: `[{ cluster, rows }]` of pg_stat_statements over the measured window, or null (SQLite);
 * - profileLoad: k6's figures of the profile window;
 * - profiles: `{ [layer name]: summarizeCpuProfile(...) & { file } }`, the profile window.
 */
export function buildProfileReport({ meta, load, layers, machineBusyMs, statements, profileLoad, profiles }) {
  const decisions = decisionsOf(load);
  const totalMs = layers.reduce((sum, layer) => sum + layer.cpuMs, 0);
  const cpuPerDecision = Object.fromEntries(layers.map((layer) => [layer.name, per(layer.cpuMs, decisions)]));
  const estimate = (share, name) =>
    cpuPerDecision[name] === null || cpuPerDecision[name] === undefined ? null : share * cpuPerDecision[name];
  const processes = Object.fromEntries(
    Object.entries(profiles).map(([name, summary]) => [
      name,
      {
        file: summary.file ?? null,
        samples: summary.samples,
        busyMs: summary.busyMs,
        idleMs: summary.idleMs,
        byFunction: summary.byFunction.slice(0, KEPT).map((f) => ({ ...f, cpuMsPerDecision: estimate(f.share, name) })),
        byPackage: summary.byPackage.slice(0, KEPT).map((p) => ({ ...p, cpuMsPerDecision: estimate(p.share, name) })),
      },
    ]),
  );
  const topFunctions = Object.entries(processes)
    .flatMap(([name, p]) => p.byFunction.map((f) => ({ process: name, ...f })))
    .sort((a, b) => (b.cpuMsPerDecision ?? 0) - (a.cpuMsPerDecision ?? 0))
    .slice(0, 10);
  const outsideMs = Math.max(0, machineBusyMs - totalMs);
  return {
    format: REPORT_FORMAT,
    ...meta,
    load: { ...load, decisions },
    profileLoad: profileLoad ? { ...profileLoad, decisions: decisionsOf(profileLoad) } : null,
    layers: layers.map((layer) => {
      const profiled = processes[layer.name];
      const onPath = profiled && profiled.busyMs >= IDLE_BELOW * (profiled.busyMs + profiled.idleMs);
      const hottest = onPath ? profiled.byFunction[0] : null;
      return {
        ...layer,
        cpuMsPerDecision: cpuPerDecision[layer.name],
        share: totalMs > 0 ? layer.cpuMs / totalMs : 0,
        kernelShare: layer.kernelMs === undefined || layer.cpuMs <= 0 ? null : layer.kernelMs / layer.cpuMs,
        hottestFunction: hottest ? { function: hottest.function, package: hottest.package, share: hottest.share } : null,
        hottestPackage: onPath ? (profiled.byPackage[0] ?? null) : null,
      };
    }),
    total: { cpuMs: totalMs, cpuMsPerDecision: per(totalMs, decisions) },
    outside: { cpuMs: outsideMs, cpuMsPerDecision: per(outsideMs, decisions) },
    sql: statements ? summarizeStatements(statements, { decisions }) : null,
    processes,
    topFunctions,
  };
}
