import type { Writable } from 'node:stream';
import { finalLine, progressLine, type ProgressSnapshot } from './progress-format';
import type { ProgressSink } from './progress-sink';

/** Where and how often a line sink writes. */
export interface LineProgressOptions {
  /** Where lines go (stderr in the CLIs, so stdout stays machine-readable). */
  stream: Writable;
  /** The clock, in milliseconds (injected by tests). */
  now?: () => number;
  /** The least time between two lines of one step under way; 5 s by default. */
  intervalMs?: number;
}

/** The default cadence of lines under way: a log gets no more than one line every five seconds per step. */
export const LINE_INTERVAL_MS = 5_000;

interface OpenStep {
  label: string;
  total: number | null;
  startedAt: number;
  lastLineAt: number;
  done: number;
}

/**
 * A sink for logs and CI: one line per step when it ends (its total and
 * elapsed time), and while it runs at most one line per interval (rows done,
 * rate, time left; none once its total is reached, the final line follows).
 * Nothing is redrawn, so every line reads on its own.
 */
export function createLineProgress({ stream, now = Date.now, intervalMs = LINE_INTERVAL_MS }: LineProgressOptions): ProgressSink {
  let open: OpenStep | null = null;
  const snapshot = (step: OpenStep, at: number): ProgressSnapshot => ({
    label: step.label,
    total: step.total,
    done: step.done,
    elapsedMs: at - step.startedAt,
  });
  const close = () => {
    if (!open) return;
    stream.write(`${finalLine(snapshot(open, now()))}\n`);
    open = null;
  };
  return {
    step(label, total) {
      close();
      const at = now();
      open = { label, total, startedAt: at, lastLineAt: at, done: 0 };
    },
    advance(count) {
      if (!open) return;
      open.done += count;
      const at = now();
      if (at - open.lastLineAt < intervalMs) return;
      // At its total, the step's final line says it all.
      if (open.total !== null && open.done >= open.total) return;
      open.lastLineAt = at;
      stream.write(`${progressLine(snapshot(open, at))}\n`);
    },
    end: close,
  };
}
