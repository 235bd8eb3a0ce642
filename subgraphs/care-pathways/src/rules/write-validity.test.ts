import { describe, expect, it } from 'vitest';
import { loadReferenceData } from '../config';
import { decisionViolation, declarationViolation, illnessViolation, referralViolation, requestViolation } from './write-validity';

const RULES = loadReferenceData().writes;
const TODAY = '2026-12-03';
const listed = (code: string) => ['DIABETE_T2', 'HTA_SEVERE'].includes(code);

describe('a referring-doctor declaration (R8, seeds/001_225b0d72771d4c3f.txt:L612)', () => {
  it.each([
    { name: 'an INPE from today', input: { doctorInpe: 'ZZP00003', validFrom: TODAY }, field: null },
    { name: 'a year back is the earliest', input: { doctorInpe: 'ZZP00003', validFrom: '2025-12-03' }, field: null },
    { name: 'more than a year back', input: { doctorInpe: 'ZZP00003', validFrom: '2025-12-02' }, field: 'validFrom' },
    { name: 'three months ahead is the latest', input: { doctorInpe: 'ZZP00003', validFrom: '2027-03-03' }, field: null },
    { name: 'beyond three months ahead', input: { doctorInpe: 'ZZP00003', validFrom: '2027-03-04' }, field: 'validFrom' },
    { name: 'not an INPE', input: { doctorInpe: 'doctor', validFrom: TODAY }, field: 'doctorInpe' },
  ])('$name', ({ input, field }) => {
    expect(declarationViolation(input, TODAY, RULES)?.field ?? null).toBe(field);
  });
});

describe('a long-term illness recognition (R9, seeds/001_225b0d72771d4c3f.txt:L553-L557)', () => {
  it.each([
    { name: 'a listed code for three years', input: { aldCode: 'DIABETE_T2', validFrom: TODAY, validUntil: '2029-12-02' }, field: null },
    { name: 'one day past three years', input: { aldCode: 'DIABETE_T2', validFrom: TODAY, validUntil: '2029-12-03' }, field: 'validUntil' },
    { name: 'ending before it starts', input: { aldCode: 'DIABETE_T2', validFrom: TODAY, validUntil: '2026-12-02' }, field: 'validUntil' },
    { name: 'a single day', input: { aldCode: 'HTA_SEVERE', validFrom: TODAY, validUntil: TODAY }, field: null },
    { name: 'a code not in the list in force', input: { aldCode: 'GRIPPE', validFrom: TODAY, validUntil: '2027-01-01' }, field: 'aldCode' },
    {
      name: 'starting more than a year back',
      input: { aldCode: 'DIABETE_T2', validFrom: '2025-01-01', validUntil: '2026-12-31' },
      field: 'validFrom',
    },
    {
      name: 'starting beyond three months ahead',
      input: { aldCode: 'DIABETE_T2', validFrom: '2027-06-01', validUntil: '2028-01-01' },
      field: 'validFrom',
    },
  ])('$name', ({ input, field }) => {
    expect(illnessViolation(input, listed, TODAY, RULES)?.field ?? null).toBe(field);
  });
});

describe('a referral (R8, seeds/001_225b0d72771d4c3f.txt:L612)', () => {
  const referral = { fromInpe: 'ZZP00001', toSpecialty: 'ENDOCRINOLOGIE', toInpe: null, issuedOn: TODAY, validUntil: '2027-01-01' };
  it.each([
    { name: 'to a specialty, valid a month', change: {}, field: null },
    { name: 'to a named provider', change: { toSpecialty: null, toInpe: 'ZZP00003' }, field: null },
    { name: 'to nobody', change: { toSpecialty: null }, field: 'toSpecialty' },
    { name: 'a specialty in free text', change: { toSpecialty: 'cardio logie' }, field: 'toSpecialty' },
    { name: 'to a malformed INPE', change: { toSpecialty: null, toInpe: '123' }, field: 'toInpe' },
    { name: 'from a malformed INPE', change: { fromInpe: 'X' }, field: 'fromInpe' },
    { name: 'issued tomorrow', change: { issuedOn: '2026-12-04', validUntil: '2027-01-01' }, field: 'issuedOn' },
    { name: 'issued more than a year ago', change: { issuedOn: '2025-12-01', validUntil: '2026-01-01' }, field: 'issuedOn' },
    { name: 'valid 90 days: the longest', change: { validUntil: '2027-03-03' }, field: null },
    { name: 'valid 91 days', change: { validUntil: '2027-03-04' }, field: 'validUntil' },
    { name: 'ending before its issue', change: { validUntil: '2026-12-02' }, field: 'validUntil' },
  ])('$name', ({ change, field }) => {
    expect(referralViolation({ ...referral, ...change }, TODAY, RULES)?.field ?? null).toBe(field);
  });
});

describe('a prior approval request (R11, seeds/001_225b0d72771d4c3f.txt:L830)', () => {
  it.each([
    { name: 'planned next week', input: { plannedOn: '2026-12-10' }, field: null },
    { name: 'an emergency admitted 30 days ago', input: { plannedOn: '2026-11-03' }, field: null },
    { name: 'admitted 31 days ago', input: { plannedOn: '2026-11-02' }, field: 'plannedOn' },
    { name: 'planned more than a year ahead', input: { plannedOn: '2027-12-04' }, field: 'plannedOn' },
    { name: 'with an act code', input: { plannedOn: '2026-12-10', actCode: 'KC 50' }, field: 'actCode' },
    { name: 'with a well-formed act code', input: { plannedOn: '2026-12-10', actCode: 'KC50' }, field: null },
  ])('$name', ({ input, field }) => {
    expect(requestViolation(input, TODAY, RULES)?.field ?? null).toBe(field);
  });
});

describe("an OG's decision on a prior approval request (R11)", () => {
  it.each([
    { name: 'a grant for a month', input: { decision: 'GRANTED', validFrom: TODAY, validUntil: '2027-01-03' }, field: null },
    { name: 'a grant for 180 days: the longest', input: { decision: 'GRANTED', validFrom: TODAY, validUntil: '2027-05-31' }, field: null },
    { name: 'a grant for 181 days', input: { decision: 'GRANTED', validFrom: TODAY, validUntil: '2027-06-01' }, field: 'validUntil' },
    {
      name: 'a grant already over',
      input: { decision: 'GRANTED', validFrom: '2026-11-01', validUntil: '2026-12-02' },
      field: 'validUntil',
    },
    { name: 'a grant without validity', input: { decision: 'GRANTED' }, field: 'validUntil' },
    {
      name: 'a grant with a reason',
      input: { decision: 'GRANTED', validFrom: TODAY, validUntil: TODAY, reasonCode: 'OTHER' },
      field: 'reasonCode',
    },
    { name: 'a refusal with a listed reason', input: { decision: 'REFUSED', reasonCode: 'INCOMPLETE_FILE' }, field: null },
    { name: 'a refusal without a reason', input: { decision: 'REFUSED' }, field: 'reasonCode' },
    { name: 'a refusal with an unlisted reason', input: { decision: 'REFUSED', reasonCode: 'BUDGET' }, field: 'reasonCode' },
    { name: 'a refusal with a validity', input: { decision: 'REFUSED', reasonCode: 'OTHER', validFrom: TODAY }, field: 'validFrom' },
  ])('$name', ({ input, field }) => {
    expect(decisionViolation(input, TODAY, RULES)?.field ?? null).toBe(field);
  });
});
