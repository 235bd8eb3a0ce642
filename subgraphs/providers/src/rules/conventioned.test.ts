import { describe, expect, it } from 'vitest';
import { conventionInForce, conventionsInForce, isConventioned, type ConventionFact } from './conventioned';

const cnss: ConventionFact = { organism: 'CNSS', validFrom: '2020-01-01', validUntil: null, paymentMode: 'TIERS_PAYANT' };
const cnops: ConventionFact = { organism: 'CNOPS', validFrom: '2012-01-01', validUntil: null, paymentMode: 'DIRECT' };
const ended: ConventionFact = { organism: 'CNSS', validFrom: '2006-01-01', validUntil: '2019-12-31', paymentMode: 'DIRECT' };

describe('conventionInForce (R7, seeds/001_225b0d72771d4c3f.txt:L350)', () => {
  it.each([
    { convention: cnss, date: '2026-03-02', expected: true },
    { convention: cnss, date: '2019-12-31', expected: false },
    { convention: ended, date: '2019-12-31', expected: true },
    { convention: ended, date: '2020-01-01', expected: false },
  ])('$convention.organism from $convention.validFrom on $date → $expected', ({ convention, date, expected }) => {
    expect(conventionInForce(convention, date)).toBe(expected);
  });
});

describe('isConventioned (R7, seeds/001_225b0d72771d4c3f.txt:L361)', () => {
  it.each([
    { name: 'no convention', conventions: [], date: '2026-03-02', expected: false },
    { name: 'CNSS and CNOPS in force', conventions: [cnss, cnops], date: '2026-03-02', expected: true },
    { name: 'only an ended convention', conventions: [ended], date: '2026-03-02', expected: false },
    { name: 'CNOPS alone (CNSS not yet signed)', conventions: [cnss, cnops], date: '2015-06-01', expected: true },
  ])('$name → $expected', ({ conventions, date, expected }) => {
    expect(isConventioned(conventions, date)).toBe(expected);
  });
});

describe('conventionsInForce (R7: read on the day of care)', () => {
  it.each([
    { date: '2026-03-02', expected: ['CNSS', 'CNOPS'] },
    { date: '2015-06-01', expected: ['CNOPS', 'CNSS'] },
    { date: '2020-06-01', expected: ['CNSS', 'CNOPS'] },
    { date: '2005-01-01', expected: [] },
  ])('on $date → $expected', ({ date, expected }) => {
    expect(conventionsInForce([cnss, cnops, ended], date).map((c) => c.organism)).toEqual(expected);
  });
});
