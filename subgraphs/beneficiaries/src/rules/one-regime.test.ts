import { describe, expect, it } from 'vitest';
import { periodsOverlap } from './one-regime';

describe('periodsOverlap (R4 a priori)', () => {
  it.each<[string, [string, string | null], [string, string | null], boolean]>([
    ['two open-ended periods', ['2010-01-01', null], ['2020-01-01', null], true],
    ['a closed period before the other starts', ['2010-01-01', '2019-12-31'], ['2020-01-01', null], false],
    ['touching on the same day', ['2010-01-01', '2020-01-01'], ['2020-01-01', null], true],
    ['a later period after an open one starts', ['2020-01-01', null], ['2010-01-01', '2015-01-01'], false],
    ['nested periods', ['2010-01-01', '2030-01-01'], ['2015-01-01', '2016-01-01'], true],
  ])('%s', (_label, [aFrom, aUntil], [bFrom, bUntil], expected) => {
    expect(periodsOverlap({ validFrom: aFrom, validUntil: aUntil }, { validFrom: bFrom, validUntil: bUntil })).toBe(expected);
    expect(periodsOverlap({ validFrom: bFrom, validUntil: bUntil }, { validFrom: aFrom, validUntil: aUntil })).toBe(expected);
  });
});
