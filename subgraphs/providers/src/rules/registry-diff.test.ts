import { describe, expect, it } from 'vitest';
import { countChanges, diffRegistry, withdrawnByAbsence, type CopyRow } from './registry-diff';
import type { RegistryRecord } from './registry-row';

const EXTRACTED_ON = '2026-03-06';
const DENTIST: RegistryRecord = {
  inpe: 'ZZP00101',
  kind: 'PROFESSIONAL',
  category: 'DENTIST',
  specialty: null,
  name: 'Dr Nadia Fichier',
  sector: 'PRIVATE',
  region: 'RSK',
  status: 'ACTIVE',
  activeFrom: '2019-09-01',
  activeUntil: null,
};
const inCopy = (record: RegistryRecord): CopyRow => ({ ...record, updatedAt: '2026-01-01T00:00:00.000Z' });
const copyOf = (...rows: RegistryRecord[]) => new Map(rows.map((row) => [row.inpe, inCopy(row)]));

describe('diffRegistry', () => {
  it.each([
    { why: 'an unchanged code', copy: [DENTIST], file: [DENTIST], expected: [] },
    {
      why: 'a new code',
      copy: [],
      file: [DENTIST],
      expected: [['ZZP00101', 'ADDED', 'kind,category,specialty,name,sector,region,status,activeFrom,activeUntil']],
    },
    { why: 'a new region', copy: [DENTIST], file: [{ ...DENTIST, region: 'CSE' }], expected: [['ZZP00101', 'CHANGED', 'region']] },
    {
      why: 'a new name',
      copy: [DENTIST],
      file: [{ ...DENTIST, name: 'Dr Nadia Fichier-Alaoui' }],
      expected: [['ZZP00101', 'CHANGED', 'name']],
    },
    { why: 'a suspension', copy: [DENTIST], file: [{ ...DENTIST, status: 'SUSPENDED' }], expected: [['ZZP00101', 'CHANGED', 'status']] },
    {
      why: 'a code now CLOSED',
      copy: [DENTIST],
      file: [{ ...DENTIST, status: 'CLOSED', activeUntil: '2026-02-28' }],
      expected: [['ZZP00101', 'WITHDRAWN', 'status,activeUntil']],
    },
    { why: 'a code absent from the file', copy: [DENTIST], file: [], expected: [['ZZP00101', 'WITHDRAWN', 'status,activeUntil']] },
    {
      why: 'a suspended code absent from the file',
      copy: [{ ...DENTIST, status: 'SUSPENDED' }],
      file: [],
      expected: [['ZZP00101', 'WITHDRAWN', 'status,activeUntil']],
    },
    {
      why: 'a CLOSED code absent from the file',
      copy: [{ ...DENTIST, status: 'CLOSED', activeUntil: '2025-12-31' }],
      file: [],
      expected: [],
    },
    {
      why: 'a CLOSED code given a new last day',
      copy: [{ ...DENTIST, status: 'CLOSED', activeUntil: '2025-12-31' }],
      file: [{ ...DENTIST, status: 'CLOSED', activeUntil: '2025-11-30' }],
      expected: [['ZZP00101', 'CHANGED', 'activeUntil']],
    },
    {
      why: 'a CLOSED code active again',
      copy: [{ ...DENTIST, status: 'CLOSED', activeUntil: '2025-12-31' }],
      file: [DENTIST],
      expected: [['ZZP00101', 'CHANGED', 'status,activeUntil']],
    },
  ])('$why', ({ copy, file, expected }) => {
    const changes = diffRegistry(copyOf(...(copy as RegistryRecord[])), file as RegistryRecord[], EXTRACTED_ON);
    expect(changes.map((c) => [c.inpe, c.kind, c.changedFields.join(',')])).toEqual(expected);
  });

  it('keeps the row before (with its timestamp) and the row after, in INPE order', () => {
    const other = { ...DENTIST, inpe: 'ZZP00050' };
    const changes = diffRegistry(copyOf(DENTIST), [{ ...DENTIST, region: 'CSE' }, other], EXTRACTED_ON);
    expect(changes.map((c) => c.inpe)).toEqual(['ZZP00050', 'ZZP00101']);
    expect(changes[1]).toMatchObject({ before: inCopy(DENTIST), after: { ...DENTIST, region: 'CSE' } });
    expect(changes[0]?.before).toBeNull();
    expect(countChanges(changes)).toEqual({ ADDED: 1, CHANGED: 1, WITHDRAWN: 0 });
  });
});

describe('withdrawnByAbsence (active until the day before the extraction at the latest)', () => {
  it.each([
    { activeUntil: null, expected: '2026-03-05' },
    { activeUntil: '2030-01-01', expected: '2026-03-05' },
    { activeUntil: '2026-01-31', expected: '2026-01-31' },
  ])('last day $activeUntil → $expected', ({ activeUntil, expected }) => {
    expect(withdrawnByAbsence({ ...DENTIST, activeUntil }, EXTRACTED_ON)).toEqual({ ...DENTIST, status: 'CLOSED', activeUntil: expected });
  });
});
