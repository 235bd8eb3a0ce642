import { describe, expect, it } from 'vitest';
import { referringDoctorChange, type Declaration } from './referring-doctor-change';

const OPEN: Declaration = { id: 'a', doctorInpe: 'ZZP00001', validFrom: '2024-01-01', validUntil: null };
const ENDED: Declaration = { id: 'b', doctorInpe: 'ZZP00005', validFrom: '2020-01-01', validUntil: '2023-12-31' };

describe('one referring doctor at a time (R8, seeds/001_225b0d72771d4c3f.txt:L612)', () => {
  it.each([
    { name: 'a first declaration', declarations: [], inpe: 'ZZP00003', from: '2026-12-10', expected: { kind: 'DECLARE', closes: [] } },
    {
      name: 'a change closes the running declaration the day before',
      declarations: [OPEN, ENDED],
      inpe: 'ZZP00003',
      from: '2026-12-10',
      expected: { kind: 'DECLARE', closes: [{ id: 'a', validUntil: '2026-12-09' }] },
    },
    {
      name: 'a change on the first of a month closes on the last of the previous one',
      declarations: [OPEN],
      inpe: 'ZZP00003',
      from: '2027-03-01',
      expected: { kind: 'DECLARE', closes: [{ id: 'a', validUntil: '2027-02-28' }] },
    },
    { name: 'the same doctor again', declarations: [OPEN], inpe: 'ZZP00001', from: '2026-12-10', expected: { kind: 'UNCHANGED', id: 'a' } },
    {
      name: 'a change starting before the current declaration',
      declarations: [OPEN],
      inpe: 'ZZP00003',
      from: '2023-06-01',
      expected: {
        kind: 'REFUSED',
        violation: { field: 'validFrom', expected: 'a date after 2024-01-01, the start of the current declaration' },
      },
    },
    {
      name: 'a change on the day the current declaration starts',
      declarations: [OPEN],
      inpe: 'ZZP00003',
      from: '2024-01-01',
      expected: {
        kind: 'REFUSED',
        violation: { field: 'validFrom', expected: 'a date after 2024-01-01, the start of the current declaration' },
      },
    },
    {
      name: 'after an ended declaration, nothing to close',
      declarations: [ENDED],
      inpe: 'ZZP00003',
      from: '2026-12-10',
      expected: { kind: 'DECLARE', closes: [] },
    },
  ])('$name', ({ declarations, inpe, from, expected }) => {
    expect(referringDoctorChange(declarations, inpe, from)).toEqual(expected);
  });
});
