import { describe, expect, it } from 'vitest';
import { steadySharedBuffersMb } from '../../load-tests/bench/warm-state.mjs';

const GiB = 1024 * 1024 * 1024;

describe("the scale study's steady cache state: the hot path held in shared buffers", () => {
  it('one size alone gets half the memory: enough for the 8.2 GB of the path at 10 million persons on 24 GiB', () => {
    expect(steadySharedBuffersMb(10_000_000, [10_000_000], 24 * GiB)).toBe(12288);
  });

  it('sizes side by side share that half in proportion to their persons, so together they never ask for more', () => {
    const sizes = [1_000_000, 10_000_000];
    const each = sizes.map((persons) => steadySharedBuffersMb(persons, sizes, 24 * GiB));
    expect(each).toEqual([1117, 11170]);
    expect(each.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(12288);
  });

  it('never below the 256 MB of the benchmark clusters, however small the share', () => {
    expect(steadySharedBuffersMb(10_000, [10_000, 10_000_000], 24 * GiB)).toBe(256);
    expect(steadySharedBuffersMb(10_000, [10_000], 0.25 * GiB)).toBe(256);
  });
});
