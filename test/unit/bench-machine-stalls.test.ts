import { describe, expect, it } from 'vitest';
import { describeMachine, machineCounterDelta, parseMachineCounters } from '../../load-tests/bench/measure/machine-stalls.mjs';

const stat = (steal: number) => `cpu  4263313 7067 970975 3394315 223998 0 46569 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n`;
const vmstat = (compact: number, movable: number) =>
  `nr_free_pages 1\nallocstall_normal 1\nallocstall_movable ${movable}\npgmajfault 43376\ncompact_stall ${compact}\n`;

describe("the scale study's reading of what the machine did during a run", () => {
  it('reads steal from the cpu line (ticks of 10 ms) and the reclaim, compaction and fault counters', () => {
    expect(parseMachineCounters(stat(98821), vmstat(1567, 486))).toEqual({
      stealMs: 988210,
      allocstall_normal: 1,
      allocstall_movable: 486,
      compact_stall: 1567,
      pgmajfault: 43376,
    });
  });

  it('a run that waited for compaction and lost CPU to other guests says so', () => {
    const delta = machineCounterDelta(parseMachineCounters(stat(100), vmstat(10, 5)), parseMachineCounters(stat(130), vmstat(14, 7)));
    expect(delta).toEqual({ stealMs: 300, reclaimStalls: 2, compactionStalls: 4, majorFaults: 0 });
    expect(describeMachine({ ...delta, longestWakeupDelayMs: 251.4 })).toBe(
      'steal 300 ms, reclaim stalls 2, compaction stalls 4, major faults 0, longest wake-up delay 251 ms',
    );
  });

  it('off Linux (no counters) it reports nothing rather than zeros', () => {
    expect(machineCounterDelta({}, {})).toEqual({ stealMs: null, reclaimStalls: null, compactionStalls: null, majorFaults: null });
    expect(describeMachine({})).toBe('');
  });
});
