import { describe, expect, it } from 'vitest';
import type { AldFact } from './facts';
import { aldExemptionsOn } from './ald-exemptions';

const ald = (aldCode: string, validFrom: string, validUntil: string | null): AldFact => ({ aldCode, validFrom, validUntil });

describe('aldExemptionsOn (R9)', () => {
  it.each<{ name: string; alds: AldFact[]; date: string; expected: string[] }>([
    { name: 'no illness, no exemption', alds: [], date: '2026-03-02', expected: [] },
    {
      name: 'P10: diabetes exemption valid to 2026-12-31',
      alds: [ald('DIABETE_T2', '2024-01-01', '2026-12-31')],
      date: '2026-03-02',
      expected: ['DIABETE_T2'],
    },
    { name: 'expired exemption', alds: [ald('DIABETE_T2', '2020-01-01', '2025-12-31')], date: '2026-03-02', expected: [] },
    { name: 'exemption not yet open', alds: [ald('HTA_SEVERE', '2026-04-01', null)], date: '2026-03-02', expected: [] },
    { name: 'open-ended exemption', alds: [ald('CANCER_SEIN', '2025-06-01', null)], date: '2026-03-02', expected: ['CANCER_SEIN'] },
    {
      name: 'several, sorted, without duplicates (renewed record)',
      alds: [
        ald('HTA_SEVERE', '2021-01-01', null),
        ald('DIABETE_T2', '2020-01-01', '2026-12-31'),
        ald('DIABETE_T2', '2026-01-01', '2028-12-31'),
      ],
      date: '2026-03-02',
      expected: ['DIABETE_T2', 'HTA_SEVERE'],
    },
    {
      name: 'last day of validity included',
      alds: [ald('DIABETE_T1', '2023-03-02', '2026-03-02')],
      date: '2026-03-02',
      expected: ['DIABETE_T1'],
    },
  ])('$name', ({ alds, date, expected }) => {
    expect(aldExemptionsOn(alds, date)).toEqual(expected);
  });
});
