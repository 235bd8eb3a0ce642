import type { ProgressSink } from '@cmb/kit';

/** One step as a sink was told it: its label, its size, and the sum of its advances. */
export interface RecordedStep {
  label: string;
  total: number | null;
  done: number;
}

/** A progress sink that records its steps and how often it was ended, for assertions on what long work reports. */
export function recordingProgress(): ProgressSink & { steps: RecordedStep[]; ends: number } {
  const steps: RecordedStep[] = [];
  const sink = {
    steps,
    ends: 0,
    step(label: string, total: number | null) {
      steps.push({ label, total, done: 0 });
    },
    advance(count: number) {
      const current = steps.at(-1);
      if (current) current.done += count;
    },
    end() {
      sink.ends += 1;
    },
  };
  return sink;
}
