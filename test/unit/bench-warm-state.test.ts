import { describe, expect, it } from 'vitest';
import { steadySharedBuffersMb } from '../../load-tests/bench/warm-state.mjs';

const GiB = 1024 * 1024 * 1024;

describe("the scale study's steady cache state: the hot path held in shared buffers", () => {
  it.each([
    ['a 24 GiB machine: half, enough for the 8.2 GB of the path at 10 million persons', 24 * GiB, 12288],
    ['an 8 GiB machine: half', 8 * GiB, 4096],
    ['a 256 MiB machine: never below the 256 MB of the benchmark clusters', 0.25 * GiB, 256],
  ])('%s', (_case, total, expected) => {
    expect(steadySharedBuffersMb(total)).toBe(expected);
  });
});
