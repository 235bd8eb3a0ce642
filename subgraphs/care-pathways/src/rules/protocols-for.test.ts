import { describe, expect, it } from 'vitest';
import aldList from '../reference-data/ald-list.json';
import protocols from '../reference-data/protocols.json';
import { protocolsFor, protocolsOn } from './protocols-for';

const LIST = aldList.conditions;
const PROTOCOLS = protocols.protocols;

describe('protocolsFor (R10)', () => {
  it.each<{ name: string; aldCodes: string[]; expected: string[] }>([
    { name: 'no ALD, no protocol', aldCodes: [], expected: [] },
    { name: 'type 2 diabetes has the diabetes PT', aldCodes: ['DIABETE_T2'], expected: ['PT_DIABETE'] },
    { name: 'both diabetes types share one PT', aldCodes: ['DIABETE_T1', 'DIABETE_T2'], expected: ['PT_DIABETE'] },
    { name: 'an ALD without a validated PT', aldCodes: ['HTA_SEVERE'], expected: [] },
    {
      name: 'several, sorted',
      aldCodes: ['PSORIASIS_GRAVE', 'CANCER_SEIN', 'DIABETE_T2'],
      expected: ['PT_CANCER_SEIN', 'PT_DIABETE', 'PT_PSORIASIS'],
    },
    { name: 'an unknown code is ignored', aldCodes: ['NOT_AN_ALD'], expected: [] },
  ])('$name', ({ aldCodes, expected }) => {
    expect(protocolsFor(aldCodes, LIST, PROTOCOLS)).toEqual(expected);
  });

  it('the reference list holds the 14 validated PT (seeds/001_225b0d72771d4c3f.txt:L530-L549)', () => {
    expect(PROTOCOLS).toHaveLength(14);
    expect(new Set(PROTOCOLS.map((p) => p.code)).size).toBe(14);
  });

  it('every ALD pathology that names a PT finds it', () => {
    const pathologies = new Set(PROTOCOLS.map((p) => p.pathology));
    for (const entry of LIST) if (entry.pathology !== null) expect(pathologies).toContain(entry.pathology);
  });
});

describe('protocolsOn (R10 on the day of care)', () => {
  const illness = (aldCode: string, protocolCode: string | null = null, validUntil: string | null = '2027-12-31') => ({
    aldCode,
    validFrom: '2026-01-01',
    validUntil,
    protocolCode,
  });
  it.each([
    { name: 'an attached protocol', illnesses: [illness('DIABETE_T2', 'PT_DIABETE')], expected: ['PT_DIABETE'] },
    { name: 'none attached: those of the pathology', illnesses: [illness('CANCER_SEIN')], expected: ['PT_CANCER_SEIN'] },
    { name: 'an illness over on the day', illnesses: [illness('DIABETE_T2', 'PT_DIABETE', '2026-03-01')], expected: [] },
    {
      name: 'attached and not, sorted and distinct',
      illnesses: [illness('PSORIASIS_GRAVE', 'PT_PSORIASIS'), illness('DIABETE_T1'), illness('DIABETE_T2', 'PT_DIABETE')],
      expected: ['PT_DIABETE', 'PT_PSORIASIS'],
    },
  ])('$name', ({ illnesses, expected }) => {
    expect(protocolsOn(illnesses, '2026-03-02', LIST, PROTOCOLS)).toEqual(expected);
  });
});
