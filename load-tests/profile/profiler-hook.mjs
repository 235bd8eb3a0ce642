// Preloaded by `npm run profile` into every Node process of the path
// (NODE_OPTIONS=--import=<this file>, CMB_PROFILE_DIR set): the process runs
// unprofiled until it receives SIGUSR2, which starts V8's CPU profiler through
// an in-process inspector session (no debugging port is opened) and, once it
// runs, writes `<CMB_PROFILE_DIR>/<pid>.started` (starting takes a while: V8
// first logs every compiled function); the next SIGUSR2 stops it and writes
// `<CMB_PROFILE_DIR>/<pid>.cpuprofile` (under a temporary name, then renamed,
// so a reader never sees half a file).
// So the CPU readings of the measured window are free of the profiler's own
// cost, and the profile covers only the window after it. Inert without
// CMB_PROFILE_DIR.
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.CMB_PROFILE_DIR;
/** Microseconds between samples: V8's default. */
const SAMPLING_INTERVAL_US = 1000;

if (dir) {
  // Connected on the first signal only: until then the process runs exactly as without the hook.
  let session = null;
  let profiling = false;
  const post = (method, params = {}) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  const start = async () => {
    if (!session) {
      session = new Session();
      session.connect();
    }
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await post('Profiler.start');
    writeFileSync(join(dir, `${process.pid}.started`), '');
  };
  const stop = async () => {
    const { profile } = await post('Profiler.stop');
    const path = join(dir, `${process.pid}.cpuprofile`);
    writeFileSync(`${path}.part`, JSON.stringify(profile));
    renameSync(`${path}.part`, path);
  };
  process.on('SIGUSR2', () => {
    profiling = !profiling;
    (profiling ? start() : stop()).catch((error) => process.stderr.write(`profiler hook: ${error.message}\n`));
  });
}
