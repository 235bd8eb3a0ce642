import { describe, expect, it } from 'vitest';
import { mayReadStatistics, readStatisticsRules } from './statistics-access';

const { readers } = readStatisticsRules({});
const caller = (org: string | null, orgKind: string | null, purposes = ['statistics:read'], nationalId: string | null = null) => ({
  org,
  orgKind,
  purposes,
  nationalId,
});

describe('who reads the indicators', () => {
  it.each([
    ['ANAM', caller('ANAM', 'REGULATOR'), true],
    ['the CNDP', caller('CNDP', 'DPA'), true],
    ['the ministry', caller('MSPS', 'MINISTRY'), true],
    ['an OG', caller('CNSS', 'OG'), false],
    ['a hospital', caller('ZZP00004', 'ESTABLISHMENT'), false],
    ['ANAM under another purpose', caller('ANAM', 'REGULATOR', ['audit:read']), false],
    ['ANAM named with another kind', caller('ANAM', 'OG'), false],
    ['a patient portal token', caller('ANAM', 'REGULATOR', ['statistics:read'], 'ZZ000001'), false],
    ['no organisation', caller(null, null), false],
  ])('%s', (_who, who, expected) => {
    expect(mayReadStatistics(who, readers)).toBe(expected);
  });

  it.each([
    [{}, 10],
    [{ STATISTICS_MIN_CELL: '5' }, 5],
  ])('reads the threshold from %j', (env, expected) => {
    expect(readStatisticsRules(env).minCell).toBe(expected);
  });

  it('refuses a threshold that is not a positive whole number', () => {
    expect(() => readStatisticsRules({ STATISTICS_MIN_CELL: '0' })).toThrow();
  });
});
