import { describe, expect, it } from 'vitest';
import { steadySharedBuffersMb } from '../../load-tests/bench/warm-state.mjs';

const GiB = 1024 * 1024 * 1024;

describe("the scale study's steady cache state: shared buffers as a database server would have them", () => {
  it.each([
    ['a 24 GiB machine: a quarter, capped at 4 GB', 24 * GiB, 4096],
    ['an 8 GiB machine: a quarter', 8 * GiB, 2048],
    ['a 512 MiB machine: never below the default 256 MB', 0.5 * GiB, 256],
  ])('%s', (_case, total, expected) => {
    expect(steadySharedBuffersMb(total)).toBe(expected);
  });
});
