// Summarises a V8 .cpuprofile: self time by package and by function, as
// percentages of the sampled time. Used by profile-gateway.mjs.
import { readFileSync } from 'node:fs';

/** Where a frame's code comes from: a package name, a project package, or the runtime. */
function originOf(url) {
  if (!url) return '(native)';
  const nodeModules = url.lastIndexOf('/node_modules/');
  if (nodeModules >= 0) {
    const parts = url.slice(nodeModules + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return 'node (runtime)';
  const project = /\/work\/[^/]+\/(gateway|subgraphs\/[^/]+|auth)\//.exec(url);
  return project ? `project: ${project[1]}` : url;
}

/** Returns the top entries by package and by function of a profile file. */
export function summarizeProfile(path, { top = 20 } = {}) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfTime = new Map();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    selfTime.set(id, (selfTime.get(id) ?? 0) + delta);
    total += delta;
  });
  const byOrigin = new Map();
  const byFunction = new Map();
  for (const [id, time] of selfTime) {
    const frame = nodes.get(id).callFrame;
    const origin = originOf(frame.url);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + time);
    const name = `${frame.functionName || '(anonymous)'} (${origin}${frame.url ? `:${frame.lineNumber + 1}` : ''})`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + time);
  }
  const rank = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => ({ name, share: time / total }));
  return { totalMs: total / 1000, byOrigin: rank(byOrigin), byFunction: rank(byFunction) };
}
