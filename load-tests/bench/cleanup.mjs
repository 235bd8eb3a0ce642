// Everything the benchmark starts registers how to stop it here; the stack is
// unwound at the end, on failure and on Ctrl-C, newest first.
import { stopK6 } from './measure/k6-run.mjs';

const stack = [];
let interrupted = false;

/** True once Ctrl-C or SIGTERM was received: nothing more is measured or written. */
export function isInterrupted() {
  return interrupted;
}

/** Registers a stop function; returns a function that runs it now (once) and unregisters it. */
export function onCleanup(label, stop) {
  const entry = { label, stop, done: false };
  stack.push(entry);
  return async () => {
    const index = stack.indexOf(entry);
    if (index !== -1) stack.splice(index, 1);
    if (!entry.done) {
      entry.done = true;
      await stop();
    }
  };
}

/** Stops everything still registered, newest first; a failing stop does not prevent the others. */
export async function cleanupAll(log = console.error) {
  stopK6();
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry.done) continue;
    entry.done = true;
    try {
      await entry.stop();
    } catch (error) {
      log(`stopping ${entry.label} failed: ${error.message}`);
    }
  }
}

/** Ctrl-C or SIGTERM: stop k6 and every process, then exit; a second signal exits at once. */
export function installSignalHandlers(log = console.error) {
  let stopping = false;
  const handler = (signal) => {
    if (stopping) process.exit(130);
    stopping = true;
    interrupted = true;
    log(`\n${signal}: stopping every process the benchmark started...`);
    cleanupAll(log).finally(() => process.exit(130));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
