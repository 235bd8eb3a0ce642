import { describe, expect, it } from 'vitest';
import { OneTimeStore } from './one-time-store';

describe('one-time store', () => {
  it('gives a value once, and not after its expiry', () => {
    let now = 0;
    const store = new OneTimeStore<string>(60_000, 10, () => now);
    const once = store.put('a');
    expect(store.take(once)).toBe('a');
    expect(store.take(once)).toBeNull();
    const late = store.put('b');
    now = 60_000;
    expect(store.take(late)).toBeNull();
    expect(store.take('unknown')).toBeNull();
    expect(store.take(null)).toBeNull();
  });

  it('keeps at most its bound, dropping the oldest', () => {
    const store = new OneTimeStore<number>(60_000, 2);
    const [first, second, third] = [store.put(1), store.put(2), store.put(3)];
    expect(store.peek(first)).toBeNull();
    expect(store.peek(second)).toBe(2);
    expect(store.take(third)).toBe(3);
  });
});
