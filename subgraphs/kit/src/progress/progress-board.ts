import type { Writable } from 'node:stream';
import { createBarDisplay, type ProgressDisplay } from './bar-display';
import { resolveProgress, type CreateProgressOptions } from './create-progress';
import { createLineProgress } from './line-progress';
import { relayProgressEvent } from './progress-events';
import { SILENT_PROGRESS, type ProgressSink } from './progress-sink';
import type { ProgressMode } from '../config/progress-config';

/**
 * Progress of several workers at once, each a child process that tells its
 * progress as events (`CMB_PROGRESS=events`): bars drawn together on a
 * terminal, lines elsewhere, nothing when off.
 */
export interface ProgressBoard extends ProgressDisplay {
  /** The mode the workers should be given (`events`, or `off` when nothing is shown). */
  readonly workerMode: ProgressMode;
  /** Applies one line a worker wrote on stderr when it is a progress event; false for any other line. */
  relay(worker: string, line: string): boolean;
}

/** The board of a parent that runs workers in parallel (`npm run seed`, `npm start`'s first seeding). */
export function createProgressBoard(options: CreateProgressOptions = {}): ProgressBoard {
  const { mode, stream, now, intervalMs } = resolveProgress(options);
  const display: ProgressDisplay =
    mode === 'bars'
      ? createBarDisplay({ stream, now })
      : mode === 'off'
        ? { sink: () => SILENT_PROGRESS, end: () => {} }
        : linesDisplay(stream, now, intervalMs);
  return {
    workerMode: mode === 'off' ? 'off' : 'events',
    sink: (worker) => display.sink(worker),
    relay: (worker, line) => relayProgressEvent(line, display.sink(worker)),
    end: () => display.end(),
  };
}

/** One line sink per worker on a shared stream: each line carries its worker's label. */
function linesDisplay(stream: Writable, now: () => number, intervalMs: number | undefined): ProgressDisplay {
  const sinks = new Map<string, ProgressSink>();
  const sinkOf = (worker: string) => {
    const sink = sinks.get(worker) ?? createLineProgress({ stream, now, intervalMs });
    sinks.set(worker, sink);
    return sink;
  };
  return {
    sink: sinkOf,
    end() {
      for (const sink of sinks.values()) sink.end();
    },
  };
}
