import { describe, expect, it, vi } from 'vitest';
import type { ProviderEntity } from '../entities/provider.entity';
import { RegistryReadCache } from './registry-read-cache';

const provider = (inpe: string) => ({ inpe, name: `n-${inpe}` }) as unknown as ProviderEntity;

describe('the registry read cache (hop 2 without the database)', () => {
  it('reads a known code once per version; an unknown code is read again, never kept', async () => {
    const cache = new RegistryReadCache();
    const load = vi.fn(async (keys: readonly string[]) => keys.map((key) => (key === 'ZZP99998' ? null : provider(key))));
    cache.follow('INPE-1');
    expect(await cache.providersOf(['ZZP00001', 'ZZP99998'], load)).toEqual([provider('ZZP00001'), null]);
    expect(await cache.providersOf(['ZZP99998', 'ZZP00001', 'ZZP00002'], load)).toEqual([null, provider('ZZP00001'), provider('ZZP00002')]);
    expect(load.mock.calls.map(([keys]) => keys)).toEqual([
      ['ZZP00001', 'ZZP99998'],
      ['ZZP99998', 'ZZP00002'],
    ]);
  });

  it('cannot be filled by made-up codes: known codes stay cached after a flood of unknown ones', async () => {
    const cache = new RegistryReadCache(10);
    cache.follow('INPE-1');
    const load = vi.fn(async (keys: readonly string[]) => keys.map((key) => (key.startsWith('ZZP0') ? provider(key) : null)));
    await cache.providersOf(
      Array.from({ length: 50 }, (_, index) => `ZZX${String(index).padStart(5, '0')}`),
      load,
    );
    await cache.providersOf(['ZZP00001'], load);
    load.mockClear();
    await cache.providersOf(['ZZP00001'], load);
    expect(load).not.toHaveBeenCalled();
  });

  it('empties when another version comes in force, and keeps nothing read under the previous one', async () => {
    const cache = new RegistryReadCache();
    cache.follow('INPE-1');
    let release: () => void = () => {};
    const slow = vi.fn(
      (keys: readonly string[]) =>
        new Promise<ProviderEntity[]>((resolve) => {
          release = () => resolve(keys.map(provider));
        }),
    );
    const reading = cache.providersOf(['ZZP00001'], slow);
    cache.follow('INPE-2');
    release();
    expect(await reading).toEqual([provider('ZZP00001')]);
    const fresh = vi.fn(async (keys: readonly string[]) => keys.map((key) => ({ ...provider(key), name: 'renamed' }) as ProviderEntity));
    expect((await cache.providersOf(['ZZP00001'], fresh))[0]?.name).toBe('renamed');
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it('reads through once full', async () => {
    const cache = new RegistryReadCache(2);
    cache.follow(null);
    const load = vi.fn(async (keys: readonly string[]) => keys.map(provider));
    await cache.providersOf(['A1', 'A2', 'A3'], load);
    await cache.providersOf(['A3'], load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
