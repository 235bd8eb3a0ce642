import { describe, expect, it } from 'vitest';
import { referringDoctorChange, type Declarant, type Declaration } from './referring-doctor-change';

const OPEN: Declaration = { id: 'a', doctorInpe: 'ZZP00001', validFrom: '2024-01-01', validUntil: null, organism: 'CNSS' };
const ENDED: Declaration = { id: 'b', doctorInpe: 'ZZP00005', validFrom: '2020-01-01', validUntil: '2023-12-31', organism: 'CNSS' };
/** CNSS declares for its own member. */
const CNSS: Declarant = { organism: 'CNSS', covering: ['CNSS'] };
/** CNSS declares for a person CNOPS covers too (a double registration, R4). */
const CNSS_WITH_CNOPS: Declarant = { organism: 'CNSS', covering: ['CNOPS', 'CNSS'] };
const CNOPS_OPEN: Declaration = { ...OPEN, id: 'c', organism: 'CNOPS' };

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
    expect(referringDoctorChange(declarations, inpe, from, CNSS)).toEqual(expected);
  });
});

describe("a declaration filed with another OG is never the writer's to close (architecture.md owned writes)", () => {
  it.each([
    {
      name: 'running, that OG covering the person too: refused',
      declarations: [CNOPS_OPEN],
      declarant: CNSS_WITH_CNOPS,
      from: '2026-12-10',
      expected: { kind: 'OTHER_ORGANISM' },
    },
    {
      name: 'running, the same doctor: refused, not answered with the other OG’s declaration',
      declarations: [CNOPS_OPEN],
      declarant: CNSS_WITH_CNOPS,
      from: '2026-12-10',
      inpe: 'ZZP00001',
      expected: { kind: 'OTHER_ORGANISM' },
    },
    {
      name: 'starting after the change, that OG covering the person: refused without its date',
      declarations: [CNOPS_OPEN],
      declarant: CNSS_WITH_CNOPS,
      from: '2023-06-01',
      expected: { kind: 'OTHER_ORGANISM' },
    },
    {
      name: 'ended before the change: the writer declares',
      declarations: [{ ...ENDED, organism: 'CNOPS' }],
      declarant: CNSS_WITH_CNOPS,
      from: '2026-12-10',
      expected: { kind: 'DECLARE', closes: [] },
    },
    {
      name: 'running, filed with an OG that no longer covers the person: left open, the writer closes its own only',
      declarations: [CNOPS_OPEN, { ...OPEN, validFrom: '2025-01-01' }],
      declarant: CNSS,
      from: '2026-12-10',
      expected: { kind: 'DECLARE', closes: [{ id: 'a', validUntil: '2026-12-09' }] },
    },
    {
      name: 'starting after the change, filed with an OG that no longer covers the person: neither blocks it nor is named',
      declarations: [{ ...CNOPS_OPEN, validFrom: '2026-12-20' }],
      declarant: CNSS,
      from: '2026-12-10',
      expected: { kind: 'DECLARE', closes: [] },
    },
    {
      name: 'a seeded declaration of the writer (no recorder, its organism) closes as any of its own',
      declarations: [OPEN],
      declarant: CNSS_WITH_CNOPS,
      from: '2026-12-10',
      expected: { kind: 'DECLARE', closes: [{ id: 'a', validUntil: '2026-12-09' }] },
    },
  ])('$name', ({ declarations, declarant, from, inpe, expected }) => {
    expect(referringDoctorChange(declarations, inpe ?? 'ZZP00003', from, declarant)).toEqual(expected);
  });
});
