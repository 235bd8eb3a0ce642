import type { Writable } from 'node:stream';
import { readProgressMode, type ProgressMode } from '../config/progress-config';
import { createBarDisplay, type ProgressDisplay } from './bar-display';
import { createLineProgress } from './line-progress';
import { createEventProgress } from './progress-events';
import { SILENT_PROGRESS, type ProgressSink } from './progress-sink';

/** Where and how a CLI shows its progress; every field has a default. */
export interface CreateProgressOptions {
  /** Where progress goes: stderr by default, so stdout stays machine-readable. */
  stream?: NodeJS.WriteStream | Writable;
  /** Whether the stream is a terminal (bars) or not (lines); by default the stream's `isTTY`. */
  interactive?: boolean;
  /** The clock, in milliseconds (injected by tests). */
  now?: () => number;
  /** A mode decided by the caller; by default `CMB_PROGRESS`, else by `interactive`. */
  mode?: ProgressMode;
  /** The least time between two lines under way in `lines` mode (5 s by default). */
  intervalMs?: number;
  /** Where CMB_PROGRESS is read; process.env by default. */
  env?: Record<string, string | undefined>;
}

/** How progress will show: the mode decided, and where. */
export interface ResolvedProgress {
  mode: ProgressMode;
  stream: Writable;
  now: () => number;
  intervalMs?: number;
}

/** The mode: the caller's, else CMB_PROGRESS, else bars on a terminal and lines elsewhere. */
export function resolveProgress(options: CreateProgressOptions = {}): ResolvedProgress {
  const stream = options.stream ?? process.stderr;
  const interactive = options.interactive ?? (stream as { isTTY?: boolean }).isTTY === true;
  const mode = options.mode ?? readProgressMode(options.env) ?? (interactive ? 'bars' : 'lines');
  return { mode, stream, now: options.now ?? Date.now, intervalMs: options.intervalMs };
}

/** A single sink over a display that ends with it. */
function soleSink(display: ProgressDisplay): ProgressSink {
  const sink = display.sink('main');
  return { step: (label, total) => sink.step(label, total), advance: (count) => sink.advance(count), end: () => display.end() };
}

/**
 * The progress sink of a CLI: a bar on a terminal (cli-progress), one line
 * per step and every few seconds elsewhere (CI, logs), nothing with
 * `CMB_PROGRESS=off`. `createProgress()` alone is the usual call; call its
 * `end()` when the work is over, failed included (a bar's timer keeps the
 * process alive until then).
 */
export function createProgress(options: CreateProgressOptions = {}): ProgressSink {
  const { mode, stream, now, intervalMs } = resolveProgress(options);
  switch (mode) {
    case 'off':
      return SILENT_PROGRESS;
    case 'events':
      return createEventProgress({ stream, now });
    case 'lines':
      return createLineProgress({ stream, now, intervalMs });
    case 'bars':
      return soleSink(createBarDisplay({ stream, now }));
  }
}

/**
 * Runs a CLI's work with a sink from `createProgress(options)`, and ends it
 * whatever happens: `await withProgress((progress) => importFile(db, file, progress))`.
 */
export async function withProgress<T>(work: (progress: ProgressSink) => Promise<T>, options: CreateProgressOptions = {}): Promise<T> {
  const progress = createProgress(options);
  try {
    return await work(progress);
  } finally {
    progress.end();
  }
}
