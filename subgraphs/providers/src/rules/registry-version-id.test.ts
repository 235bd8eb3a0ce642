import { describe, expect, it } from 'vitest';
import { isVersionId, nextVersionId } from './registry-version-id';

describe('nextVersionId', () => {
  it.each([
    { taken: [], expected: 'INPE-2026-03-06' },
    { taken: ['INPE-2026-02-27'], expected: 'INPE-2026-03-06' },
    { taken: ['INPE-2026-03-06'], expected: 'INPE-2026-03-06-2' },
    { taken: ['INPE-2026-03-06', 'INPE-2026-03-06-2'], expected: 'INPE-2026-03-06-3' },
  ])('$taken → $expected', ({ taken, expected }) => {
    expect(nextVersionId('2026-03-06', new Set(taken))).toBe(expected);
    expect(isVersionId(expected)).toBe(true);
  });

  it.each(['', 'x'.repeat(33), "INPE'; DROP", 'INPE 2026'])('refuses %j as a version id', (text) => {
    expect(isVersionId(text)).toBe(false);
  });
});
