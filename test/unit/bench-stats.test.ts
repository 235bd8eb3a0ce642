import { describe, expect, it } from 'vitest';
import { median, passOrder, ratioSpread, spread } from '../../load-tests/bench/measure/stats.mjs';

describe('benchmark passes: medians, per-pass ratios and the alternating order', () => {
  it('the median of an odd and of an even count, ignoring what is not a finite number', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, Number.NaN, 5])).toBe(5);
    expect(median([])).toBeNull();
  });

  it('a spread names the median, the smallest and the largest', () => {
    expect(spread([10, 30, 20])).toEqual({ median: 20, min: 10, max: 30 });
    expect(spread([])).toEqual({ median: null, min: null, max: null });
  });

  it('ratios are taken pass by pass, then summarised: one slow pass of the base moves one ratio only', () => {
    // Pass 2 was slow for the base, pass 3 for the larger size: each moves its own ratio, the median is the typical pass.
    expect(ratioSpread([30, 40, 300], [20, 100, 20])).toEqual({ median: 1.5, min: 0.4, max: 15 });
    expect(ratioSpread([30, 40], [20, 0])).toEqual({ median: 1.5, min: 1.5, max: 1.5 });
  });

  it('passes alternate: forward, backward, forward', () => {
    const sizes = ['10k', '1M', '10M'];
    expect([0, 1, 2].map((pass) => passOrder(sizes, pass))).toEqual([
      ['10k', '1M', '10M'],
      ['10M', '1M', '10k'],
      ['10k', '1M', '10M'],
    ]);
    expect(sizes).toEqual(['10k', '1M', '10M']);
  });
});
