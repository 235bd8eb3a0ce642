import { describe, expect, it } from 'vitest';
import { ReplayGuard } from '../auth/replay-guard';

describe('the replay guard: each signed context is taken once before it expires', () => {
  it('takes an id once, refuses it again until it expires, then forgets it', () => {
    const guard = new ReplayGuard(10, 0);
    expect(guard.firstUse('a', 2_000, 1_000)).toBe(true);
    expect(guard.firstUse('a', 2_000, 1_500)).toBe(false);
    expect(guard.firstUse('b', 2_000, 1_500)).toBe(true);
    expect(guard.firstUse('a', 2_000, 2_000)).toBe(true);
    expect(guard.size).toBe(1);
  });

  it('stays bounded under a burst: the oldest ids go first', () => {
    const guard = new ReplayGuard(3, 60_000);
    for (const id of ['a', 'b', 'c', 'd']) expect(guard.firstUse(id, 10_000, 1_000)).toBe(true);
    expect(guard.size).toBe(3);
    expect(guard.firstUse('d', 10_000, 1_000)).toBe(false);
    expect(guard.firstUse('a', 10_000, 1_000)).toBe(true);
  });
});
