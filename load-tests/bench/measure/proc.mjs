// Readings of /proc: CPU time (utime + stime) and peak resident memory
// (VmHWM) of a process, and the children of a process (PostgreSQL backends).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticks = null;

/** Clock ticks per second of /proc/<pid>/stat (`getconf CLK_TCK`). */
export function clockTicks() {
  ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticks;
}

/** The fields of /proc/<pid>/stat after the command name; null when the process is gone. */
function statFields(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far; 0 when it is gone. */
export function cpuSeconds(pid) {
  const { user, system } = cpuSplit(pid);
  return user + system;
}

/**
 * CPU seconds a process has used so far in user mode and in the kernel
 * (its system calls: sockets, files); zeros when it is gone.
 */
export function cpuSplit(pid) {
  const fields = statFields(pid);
  // Fields 14 and 15 of stat(5) are utime and stime; the slice starts at field 3.
  return fields ? { user: Number(fields[11]) / clockTicks(), system: Number(fields[12]) / clockTicks() } : { user: 0, system: 0 };
}

/** Peak resident set size in MB (VmHWM of /proc/<pid>/status); null when unknown. */
export function peakRssMb(pid) {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The pids whose parent is `pid`. */
export function childrenOf(pid) {
  const children = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields && Number(fields[1]) === pid) children.push(Number(entry));
  }
  return children;
}

/**
 * CPU seconds of a process and its direct children, per pid, so a delta can
 * count only what was used in between (a child that appears later counts from 0).
 */
export function treeCpu(pid) {
  const byPid = new Map([[pid, cpuSeconds(pid)]]);
  for (const child of childrenOf(pid)) byPid.set(child, cpuSeconds(child));
  return byPid;
}

/** CPU seconds used between two treeCpu readings. */
export function treeCpuDelta(before, after) {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/**
 * CPU seconds the whole machine has spent busy (every core: user, nice,
 * system, irq, softirq) and in total (plus idle, iowait and steal), from the
 * `cpu` line of /proc/stat (proc(5); guest time is already in user): the
 * difference of two readings says how loaded the machine was in between.
 */
export function machineCpu() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map((v) => Number(v) || 0);
  const busy = user + nice + system + irq + softirq;
  return { busy: busy / clockTicks(), total: (busy + idle + iowait + steal) / clockTicks() };
}
