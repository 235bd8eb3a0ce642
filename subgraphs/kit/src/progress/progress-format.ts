/**
 * How progress reads, as pure functions: the line sink prints them, the bar
 * display draws them beside its bar. Counts are plain integers (no locale
 * separators), so log lines stay easy to parse.
 */

/** Where one step stands: what it counts, how far, since when. */
export interface ProgressSnapshot {
  /** The step's label (no personal data). */
  label: string;
  /** Units done so far. */
  done: number;
  /** Units the step will count, null when unknown. */
  total: number | null;
  /** Milliseconds since the step began. */
  elapsedMs: number;
}

/** The longest label shown: a label is a name of work, never a text to relay whole. */
export const LABEL_MAX_LENGTH = 120;

/**
 * The label as it may be shown: control characters (terminal escapes, line
 * breaks) become spaces, and it is cut at LABEL_MAX_LENGTH.
 */
export function printableLabel(label: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = label.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return clean.length > LABEL_MAX_LENGTH ? `${clean.slice(0, LABEL_MAX_LENGTH - 1)}…` : clean;
}

/** Whole percent done (rounded down, so 100% means all), 0..100; null when the total is unknown. */
export function percentDone(done: number, total: number | null): number | null {
  if (total === null) return null;
  if (total <= 0) return 100;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** Below this much time, a rate is noise (three rows in 7 ms are not 430/s): it is not shown. */
export const RATE_AFTER_MS = 1_000;

/** Units per second since the step began; null before any time has passed. */
export function unitsPerSecond(done: number, elapsedMs: number): number | null {
  return elapsedMs > 0 ? (done * 1000) / elapsedMs : null;
}

/**
 * Milliseconds left at the step's average rate so far; null when it cannot be
 * told (unknown total, nothing done yet), 0 when the total is reached.
 */
export function millisecondsLeft(done: number, total: number | null, elapsedMs: number): number | null {
  if (total === null) return null;
  if (done >= total) return 0;
  const rate = unitsPerSecond(done, elapsedMs);
  if (rate === null || rate <= 0) return null;
  return ((total - done) / rate) * 1000;
}

/** A count as a plain integer. */
export function formatCount(count: number): string {
  return String(Math.round(count));
}

/** Two significant digits: a rate is an estimate, more digits only flicker. */
function twoSignificant(value: number): number {
  if (value === 0) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 1);
  return Math.round(value / magnitude) * magnitude;
}

/** A rate: `41000/s`, `990/s`, `2.5/s` (two significant digits), `0/s`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '0/s';
  const rounded = twoSignificant(perSecond);
  return `${rounded >= 10 ? String(Math.round(rounded)) : rounded.toFixed(1)}/s`;
}

/** A duration: `0.4 s` and `2.4 s` under ten seconds, then `18 s`, `3 min 5 s`, `2 h 7 min`. */
export function formatDuration(milliseconds: number): string {
  const ms = Math.max(0, milliseconds);
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `250000/1000000 (25%)`, or `250000` when the total is unknown. */
function counts({ done, total }: ProgressSnapshot): string {
  const percent = percentDone(done, total);
  return total === null || percent === null ? formatCount(done) : `${formatCount(done)}/${formatCount(total)} (${percent}%)`;
}

/** The rate part, empty in the step's first second. */
function rate({ done, elapsedMs }: ProgressSnapshot): string {
  const perSecond = unitsPerSecond(done, elapsedMs);
  return perSecond === null || elapsedMs < RATE_AFTER_MS ? '' : ` ${formatRate(perSecond)}`;
}

/** `, 18 s left` when it can be told and is not zero. */
function timeLeft({ done, total, elapsedMs }: ProgressSnapshot): string {
  const left = millisecondsLeft(done, total, elapsedMs);
  return left === null || left === 0 ? '' : `, ${formatDuration(left)} left`;
}

/**
 * A step under way, one line:
 * `seed beneficiaries: person 250000/1000000 (25%) 41000/s, 18 s left`
 * (`... person 250000 41000/s` when the total is unknown).
 */
export function progressLine(snapshot: ProgressSnapshot): string {
  return `${printableLabel(snapshot.label)} ${counts(snapshot)}${rate(snapshot)}${timeLeft(snapshot)}`;
}

/**
 * A step's last line, with its total and elapsed time:
 * `seed beneficiaries: person 1000000/1000000 (100%) 41000/s in 24 s`.
 */
export function finalLine(snapshot: ProgressSnapshot): string {
  return `${printableLabel(snapshot.label)} ${counts(snapshot)}${rate(snapshot)} in ${formatDuration(snapshot.elapsedMs)}`;
}

/**
 * A step under way beside a drawn bar, to fit the terminal's width:
 * `label [=====-----] 25% 250000/1000000 41000/s, 18 s left`; no bar when the
 * total is unknown or the line would not fit with it, and cut when it would
 * not fit without.
 */
export function barLine(snapshot: ProgressSnapshot, bar: string, width: number): string {
  const percent = percentDone(snapshot.done, snapshot.total);
  const head = printableLabel(snapshot.label);
  const tail = `${rate(snapshot)}${timeLeft(snapshot)}`;
  if (snapshot.total === null || percent === null) return fit(`${head} ${formatCount(snapshot.done)}${tail}`, width);
  const amounts = `${percent}% ${formatCount(snapshot.done)}/${formatCount(snapshot.total)}${tail}`;
  const withBar = `${head} [${bar}] ${amounts}`;
  return withBar.length <= width ? withBar : fit(`${head} ${amounts}`, width);
}

/** The line cut at the width. */
function fit(line: string, width: number): string {
  return line.length > width ? line.slice(0, Math.max(0, width)) : line;
}
