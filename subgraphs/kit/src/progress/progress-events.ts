import type { Writable } from 'node:stream';
import { printableLabel } from './progress-format';
import type { ProgressSink } from './progress-sink';

/**
 * Progress told by a child process to the parent that draws it (`npm run
 * seed` and `npm start` run the seeds in parallel and draw them together):
 * one line per event on the child's stderr, this prefix then JSON.
 */
export const PROGRESS_EVENT_PREFIX = '@cmb-progress ';

/** One event of the protocol. */
export type ProgressEvent = { step: string; total: number | null } | { advance: number } | { end: true };

/** The least time between two advance events: the parent redraws a few times a second at most. */
export const EVENT_INTERVAL_MS = 200;

/** Where a child writes its events. */
export interface EventProgressOptions {
  stream: Writable;
  now?: () => number;
  intervalMs?: number;
}

/**
 * The child's side: every step and end as an event, the advances summed and
 * told at most once per interval (and before each step and end).
 */
export function createEventProgress({ stream, now = Date.now, intervalMs = EVENT_INTERVAL_MS }: EventProgressOptions): ProgressSink {
  let pending = 0;
  let lastAt = now();
  const emit = (event: ProgressEvent) => stream.write(`${PROGRESS_EVENT_PREFIX}${JSON.stringify(event)}\n`);
  const flush = () => {
    if (pending > 0) emit({ advance: pending });
    pending = 0;
    lastAt = now();
  };
  return {
    step(label, total) {
      flush();
      emit({ step: label, total });
    },
    advance(count) {
      pending += count;
      if (now() - lastAt >= intervalMs) flush();
    },
    end() {
      flush();
      emit({ end: true });
    },
  };
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Reads one event line; null for any other line or a malformed event. */
export function parseProgressEvent(line: string): ProgressEvent | null {
  if (!line.startsWith(PROGRESS_EVENT_PREFIX)) return null;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(PROGRESS_EVENT_PREFIX.length));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const event = value as Record<string, unknown>;
  if (typeof event.step === 'string' && (event.total === null || isCount(event.total)))
    return { step: printableLabel(event.step), total: event.total };
  if (isCount(event.advance)) return { advance: event.advance };
  if (event.end === true) return { end: true };
  return null;
}

/**
 * The parent's side: applies one line of a child's stderr to a sink when it
 * is an event, and says whether it was (other lines are the child's own output).
 */
export function relayProgressEvent(line: string, sink: ProgressSink): boolean {
  const event = parseProgressEvent(line);
  if (!event) return false;
  if ('step' in event) sink.step(event.step, event.total);
  else if ('advance' in event) sink.advance(event.advance);
  else sink.end();
  return true;
}
