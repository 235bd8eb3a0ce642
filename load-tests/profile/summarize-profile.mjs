// Summarises a V8 .cpuprofile (written by `node --cpu-prof`): self time by
// function and by package (a node_modules package, one of our workspaces,
// the Node runtime, or V8's own buckets such as the garbage collector),
// counting only the samples taken inside a window of the monotonic clock
// (the measured window; V8's sample timestamps and process.hrtime both read
// CLOCK_MONOTONIC on Linux). A sample stands for the time since the one
// before it, cut at the window's start (the first sample after the profiler
// starts stands for the start itself). `(idle)` samples are the event loop
// waiting: not CPU, left out of the busy time the shares are taken of. A
// native frame (a builtin, a binding such as writev or a signature) is
// counted in the package of the JavaScript that called it, and named with it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** V8's bucket for the time the event loop waits. */
export const IDLE = '(idle)';

/** Reads a .cpuprofile file. */
export function readCpuProfile(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The file path of a frame's URL (`file:///…` or a plain path). */
function filePath(url) {
  if (!url.startsWith('file://')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

/** `a/node_modules/@scope/name/x.js` → `@scope/name`; null outside node_modules. */
function nodeModulesPackage(path) {
  const at = path.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const parts = path.slice(at + '/node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * Where a frame's code comes from: a node_modules package, one of our
 * workspaces by its package name (`{ root, workspaces: [{ dir, name }] }`,
 * dir relative to root), `node (runtime)`, V8's bucket (`(garbage
 * collector)`, `(program)`, `(idle)`), `(native)` for builtins, or the path.
 */
export function originOf(url, functionName = '', { root = null, workspaces = [] } = {}) {
  if (!url) return /^\(.+\)$/.test(functionName) ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node (runtime)';
  const path = filePath(url);
  const dependency = nodeModulesPackage(path);
  if (dependency) return dependency;
  if (root && path.startsWith(`${root}/`)) {
    const relative = path.slice(root.length + 1);
    const workspace = workspaces.filter(({ dir }) => relative.startsWith(`${dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0];
    return workspace ? workspace.name : relative;
  }
  return path;
}

/** `gateway/dist/plan.js:12` (relative to root when under it); empty for V8's buckets. */
function locationOf(url, lineNumber, root) {
  if (!url) return '';
  const path = filePath(url);
  const shown = root && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
  return `${shown}:${lineNumber + 1}`;
}

/** Sorted descending by selfMs, the first `top`, each with its share of `busyMs`. */
function ranked(entries, busyMs, top) {
  return [...entries]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top)
    .map((entry) => ({ ...entry, share: busyMs > 0 ? entry.selfMs / busyMs : 0 }));
}

/**
 * Self time of a parsed profile: `{ samples, busyMs, idleMs, byFunction,
 * byPackage }`, each list the first `top` by self time (ms) with its share of
 * the busy time. `window`: `{ startUs, endUs }` on the monotonic clock, or
 * null for the whole profile. Options as originOf's, plus `top` (default 50).
 */
export function summarizeCpuProfile(profile, { window = null, root = null, workspaces = [], top = 50 } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  /** The nearest frame with a URL above a native one. */
  const jsCaller = (id) => {
    for (let at = parents.get(id); at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at)?.callFrame;
      if (frame?.url) return frame;
    }
    return null;
  };
  const selfUs = new Map();
  let at = profile.startTime;
  let samples = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (window && (at < window.startUs || at > window.endUs)) return;
    samples += 1;
    const counted = window ? Math.min(delta, at - window.startUs) : delta;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(counted, 0));
  });
  const byFunction = new Map();
  const byPackage = new Map();
  let busyUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    const name = frame.functionName || '(anonymous)';
    if (name === IDLE && !frame.url) {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const bucket = !frame.url && /^\(.+\)$/.test(name);
    const caller = frame.url || bucket ? null : jsCaller(id);
    const pkg = caller ? originOf(caller.url, caller.functionName, { root, workspaces }) : originOf(frame.url, name, { root, workspaces });
    const location = caller
      ? `native, from ${caller.functionName || '(anonymous)'} ${locationOf(caller.url, caller.lineNumber, root)}`
      : locationOf(frame.url, frame.lineNumber, root);
    const key = `${name}\u0000${location}`;
    const fn = byFunction.get(key) ?? { function: name, location, package: pkg, selfMs: 0 };
    fn.selfMs += us / 1000;
    byFunction.set(key, fn);
    const group = byPackage.get(pkg) ?? { package: pkg, selfMs: 0 };
    group.selfMs += us / 1000;
    byPackage.set(pkg, group);
  }
  const busyMs = busyUs / 1000;
  return {
    samples,
    busyMs,
    idleMs: idleUs / 1000,
    byFunction: ranked(byFunction.values(), busyMs, top),
    byPackage: ranked(byPackage.values(), busyMs, top),
  };
}
