// What the machine itself did during a measured run, to tell a slow pass
// caused by the contestant from one caused by the machine: CPU time the
// hypervisor gave to other guests (steal), allocations that waited for the
// kernel to reclaim or compact memory, major page faults (a mapped page read
// from disk; PostgreSQL's own reads are read(2) calls and do not count: its
// slow statements are in its server.log), and how late this (mostly idle)
// process was woken: a stall of the whole machine shows there as well as in
// the contestant's p99.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const VMSTAT_COUNTERS = ['allocstall_normal', 'allocstall_movable', 'compact_stall', 'pgmajfault'];
/** Clock ticks per second of /proc/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Parses /proc/stat's `cpu` line and /proc/vmstat into the counters this module compares; empty off Linux. */
export function parseMachineCounters(procStat, procVmstat) {
  const counters = {};
  const cpu = procStat.split('\n').find((line) => line.startsWith('cpu '));
  // Fields after "cpu": user nice system idle iowait irq softirq steal ...
  const steal = cpu ? Number(cpu.trim().split(/\s+/)[8]) : Number.NaN;
  if (Number.isFinite(steal)) counters.stealMs = (steal * 1000) / TICKS_PER_SECOND;
  for (const line of procVmstat.split('\n')) {
    const [name, value] = line.split(' ');
    if (VMSTAT_COUNTERS.includes(name)) counters[name] = Number(value);
  }
  return counters;
}

function readMachineCounters() {
  try {
    return parseMachineCounters(readFileSync('/proc/stat', 'utf8'), readFileSync('/proc/vmstat', 'utf8'));
  } catch {
    return {};
  }
}

/** The change of each counter between two readings: steal ms, reclaim and compaction stalls, major faults. */
export function machineCounterDelta(before, after) {
  const delta = (name) => (name in before && name in after ? after[name] - before[name] : null);
  const reclaim = [delta('allocstall_normal'), delta('allocstall_movable')];
  return {
    stealMs: delta('stealMs'),
    reclaimStalls: reclaim.every((v) => v === null) ? null : reclaim.reduce((t, v) => t + (v ?? 0), 0),
    compactionStalls: delta('compact_stall'),
    majorFaults: delta('pgmajfault'),
  };
}

/**
 * Starts watching the machine; `stop()` returns what happened since:
 * the counter deltas and this process's longest wake-up delay (ms).
 */
export function watchMachine() {
  const before = readMachineCounters();
  const lateness = monitorEventLoopDelay({ resolution: 10 });
  lateness.enable();
  return {
    stop() {
      lateness.disable();
      return { ...machineCounterDelta(before, readMachineCounters()), longestWakeupDelayMs: lateness.max / 1e6 };
    },
  };
}

/** One line for a pass's log: `steal 120 ms, reclaim stalls 0, compaction stalls 3, major faults 12, longest wake-up delay 250 ms`. */
export function describeMachine(machine) {
  const part = (label, value, unit = '') => (value === null || value === undefined ? null : `${label} ${Math.round(value)}${unit}`);
  return [
    part('steal', machine.stealMs, ' ms'),
    part('reclaim stalls', machine.reclaimStalls),
    part('compaction stalls', machine.compactionStalls),
    part('major faults', machine.majorFaults),
    part('longest wake-up delay', machine.longestWakeupDelayMs, ' ms'),
  ]
    .filter(Boolean)
    .join(', ');
}
