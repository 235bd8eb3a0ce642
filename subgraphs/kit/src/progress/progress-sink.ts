/**
 * Where long work (seeds, imports, audit verification, retention) reports
 * its progress: steps of known or unknown size, units done. The work calls
 * it; how it shows (a bar on a terminal, one line per step in CI and logs)
 * is the sink's concern.
 */
export interface ProgressSink {
  /** A new step begins: its label (no personal data) and its size in units, null when unknown. */
  step(label: string, total: number | null): void;
  /** `count` more units of the current step are done. */
  advance(count: number): void;
  /** The work is over, done or failed: the last step is closed. */
  end(): void;
}

/** A sink that shows nothing: the default of library code and tests. */
export const SILENT_PROGRESS: ProgressSink = {
  step() {},
  advance() {},
  end() {},
};

/**
 * The same sink with every step's label prefixed (`seed beneficiaries: ` +
 * `person`), so shared work (the bulk writer) names its steps and the caller
 * says whose they are.
 */
export function labelledProgress(sink: ProgressSink, prefix: string): ProgressSink {
  if (sink === SILENT_PROGRESS) return sink;
  return {
    step: (label, total) => sink.step(`${prefix}${label}`, total),
    advance: (count) => sink.advance(count),
    end: () => sink.end(),
  };
}
