import type { Writable } from 'node:stream';
import { Format, MultiBar, type Options, type Params, type SingleBar } from 'cli-progress';
import { barLine, finalLine, type ProgressSnapshot } from './progress-format';
import type { ProgressSink } from './progress-sink';

/** What a terminal display draws on. */
export interface BarDisplayOptions {
  /** The terminal (stderr in the CLIs); drawn on as a terminal whatever its `isTTY`. */
  stream: Writable;
  now?: () => number;
  /** The least time between two redraws asked by the work itself (a synchronous loop starves the display's timer). */
  redrawMs?: number;
}

/** Progress shown for several workers at once (parallel seeds), or for one. */
export interface ProgressDisplay {
  /** The sink of one worker, created on first use; its steps share the display with the others'. */
  sink(worker: string): ProgressSink;
  /** Closes every worker's step and the display itself (stops its timer). */
  end(): void;
}

interface Worker {
  label: string;
  total: number | null;
  startedAt: number;
  done: number;
  bar: SingleBar | null;
}

/** The width cli-progress is told: the stream's columns when it has them. */
function terminalOf(stream: Writable): NodeJS.WritableStream {
  const columns = () => (stream as Writable & { columns?: number }).columns;
  // cli-progress draws only on a stream that says it is a terminal; the decision was made before (createProgress).
  return {
    isTTY: true,
    get columns() {
      return columns() ?? 80;
    },
    write: (chunk: string, callback?: () => void) => stream.write(chunk, callback),
  } as unknown as NodeJS.WritableStream;
}

/**
 * A terminal display drawn with cli-progress: one bar per worker's step under
 * way (rows done, percent, rate, time left), and each finished step left above
 * the bars as its final line. Bars vanish when the display ends.
 */
export function createBarDisplay({ stream, now = Date.now, redrawMs = 100 }: BarDisplayOptions): ProgressDisplay {
  const bars = new MultiBar({ stream: terminalOf(stream), clearOnComplete: true, hideCursor: false, linewrap: true, fps: 10, barsize: 25 });
  const workers = new Map<string, Worker>();
  let lastDrawAt = 0;
  let ended = false;
  const snapshot = (w: Worker): ProgressSnapshot => ({ label: w.label, total: w.total, done: w.done, elapsedMs: now() - w.startedAt });
  const redraw = (force: boolean) => {
    const at = now();
    if (!force && at - lastDrawAt < redrawMs) return;
    lastDrawAt = at;
    if (bars.isActive) bars.update();
  };
  const closeStep = (w: Worker) => {
    if (!w.bar) return;
    bars.log(`${finalLine(snapshot(w))}\n`);
    bars.remove(w.bar);
    w.bar = null;
  };
  const format = (w: Worker) => (options: Options, params: Params) => {
    const progress = w.total ? Math.min(1, w.done / w.total) : 1;
    return barLine(snapshot(w), Format.BarFormat(progress, options), Math.max(20, params.maxWidth - 1));
  };
  const sinkOf = (name: string): ProgressSink => {
    const existing = workers.get(name);
    const w: Worker = existing ?? { label: '', total: null, startedAt: now(), done: 0, bar: null };
    workers.set(name, w);
    return {
      step(label, total) {
        if (ended) return;
        closeStep(w);
        Object.assign(w, { label, total, startedAt: now(), done: 0 });
        w.bar = bars.create(total ?? 0, 0, {}, { format: format(w) });
        redraw(true);
      },
      advance(count) {
        if (!w.bar) return;
        w.done += count;
        redraw(false);
      },
      end() {
        closeStep(w);
        redraw(true);
      },
    };
  };
  return {
    sink: sinkOf,
    end() {
      if (ended) return;
      for (const w of workers.values()) closeStep(w);
      ended = true;
      if (bars.isActive) bars.update();
      bars.stop();
    },
  };
}
