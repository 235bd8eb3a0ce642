import { describe, expect, it } from 'vitest';
import type { RegistryVersionEntity } from '../entities/registry-version.entity';
import { INPE_REGISTRY_COPY, RegistryFreshness } from './registry-freshness';

const POLICY = { staleAfterWorkingDays: 5, staleMarginWorkingDays: 2, calendar: { weekendDays: [0, 6], holidays: [] } };
const version = { id: 'INPE-2026-02-27', publishedOn: '2026-02-27' } as RegistryVersionEntity;

describe('the INPE registry copy on /readyz', () => {
  it.each([
    {
      why: 'fresh',
      now: '2026-03-10T10:00:00Z',
      loaded: version,
      expected: { version: version.id, asOf: '2026-02-27', ageDays: 11, stale: false },
    },
    {
      why: 'stale past five working days and the margin',
      now: '2026-03-11T10:00:00Z',
      loaded: version,
      expected: { ageDays: 12, stale: true },
    },
    {
      why: 'missing before the first load',
      now: '2026-03-10T10:00:00Z',
      loaded: null,
      expected: { version: null, asOf: null, ageDays: null, stale: true },
    },
  ])('$why', async ({ now, loaded, expected }) => {
    const probe = new RegistryFreshness(POLICY, 'Africa/Casablanca').probe(
      async () => loaded,
      () => new Date(now),
    );
    expect(await probe()).toEqual([expect.objectContaining({ copy: INPE_REGISTRY_COPY, maxAge: '5 working days + 2', ...expected })]);
  });
});
