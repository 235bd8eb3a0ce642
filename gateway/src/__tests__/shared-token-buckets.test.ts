import type { Logger } from '@cmb/kit';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { storeKeyOf, type BucketStore } from '../rate-limiting/redis-bucket-store';
import { SharedTokenBuckets } from '../rate-limiting/shared-token-buckets';

/** A store in memory whose availability the test switches: `draw` answers from a shared counter, or fails. */
function fakeStore() {
  const taken = new Map<string, number>();
  let ready: (() => void) | null = null;
  const control = { up: true, connected: true, draws: 0 };
  const store: BucketStore = {
    draw: async (key, settings) => {
      control.draws += 1;
      if (!control.up) throw new Error('Connection is closed.');
      const count = (taken.get(key) ?? 0) + 1;
      taken.set(key, count);
      return count <= settings.burst ? 0 : 7;
    },
    connected: () => control.connected,
    onReady: (listener) => {
      ready = listener;
    },
    ready: async () => true,
    close: async () => undefined,
  };
  return { store, control, reconnect: () => ready?.() };
}

/** A logger whose calls the test reads. */
function logger(): Logger & { warn: Mock; info: Mock } {
  return { warn: vi.fn(), info: vi.fn() } as unknown as Logger & { warn: Mock; info: Mock };
}

const SETTINGS = { ratePerSecond: 1, burst: 3 };

describe('rate limits shared across replicas', () => {
  it('holds a client to its limit in total across two replicas drawing from one store', async () => {
    const { store } = fakeStore();
    const replicas = [0, 1].map(() => new SharedTokenBuckets(store, SETTINGS, { logger: logger(), now: () => 0 }));
    const waits = [];
    for (let request = 0; request < 5; request += 1) waits.push(await replicas[request % 2]?.take('client:pharmacy'));
    expect(waits).toEqual([null, null, null, 7, 7]);
  });

  it.each([
    { case: 'the store fails', up: false, connected: true },
    { case: 'the connection is down', up: false, connected: false },
  ])('degrades to per-replica limits when $case, logs it once, and still admits up to the limit', async ({ up, connected }) => {
    const { store, control } = fakeStore();
    const log = logger();
    const states: string[] = [];
    const limiter = new SharedTokenBuckets(store, SETTINGS, { logger: log, now: () => 0, onStateChange: (s) => states.push(s) });
    control.up = up;
    control.connected = connected;
    const waits = [];
    for (let request = 0; request < 4; request += 1) waits.push(await limiter.take('client:pharmacy'));
    expect(waits).toEqual([null, null, null, 1]);
    expect(limiter.state).toBe('degraded');
    expect(states).toEqual(['degraded']);
    expect(log.warn).toHaveBeenCalledTimes(1);
    // Within the retry delay the store is left alone: one failed draw, the rest counted locally.
    expect(control.draws).toBe(1);
  });

  it('tries the store again after the retry delay, or at once when the connection is back, and logs the recovery once', async () => {
    const { store, control, reconnect } = fakeStore();
    const log = logger();
    let now = 0;
    const limiter = new SharedTokenBuckets(store, SETTINGS, { logger: log, now: () => now });
    control.up = false;
    await limiter.take('client:a');
    control.up = true;
    await limiter.take('client:a');
    expect(limiter.state).toBe('degraded');
    now = 1_000;
    expect(await limiter.take('client:a')).toBeNull();
    expect(limiter.state).toBe('shared');
    control.up = false;
    await limiter.take('client:a');
    control.up = true;
    reconnect();
    await limiter.take('client:a');
    expect(limiter.state).toBe('shared');
    expect(log.info).toHaveBeenCalledTimes(2);
    expect(log.warn).toHaveBeenCalledTimes(2);
  });

  it('never logs the key', async () => {
    const { store, control } = fakeStore();
    const log = logger();
    const limiter = new SharedTokenBuckets(store, SETTINGS, { logger: log, now: () => 0 });
    control.up = false;
    await limiter.take('person:cmb-patient-portal:user-42');
    expect(JSON.stringify(log.warn.mock.calls)).not.toContain('user-42');
  });

  it.each(['client:cmb-pharmacy', 'person:cmb-patient-portal:8d2f', 'source:127.0.0.1'])(
    'stores %s under a hash that does not contain it',
    (key) => {
      const stored = storeKeyOf(key);
      expect(stored).toMatch(/^cmb:rl:[A-Za-z0-9_-]{43}$/);
      expect(stored).not.toContain(key.split(':')[1]);
      expect(storeKeyOf(key)).toBe(stored);
    },
  );
});
