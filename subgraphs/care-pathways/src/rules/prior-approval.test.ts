import { describe, expect, it } from 'vitest';
import type { ApprovalFact, PriorApprovalConfig } from './facts';
import { organismOn, priorApprovalGranted, priorApprovalRequired } from './prior-approval';

const CONFIG: PriorApprovalConfig = {
  careTypesByOrganism: { CNSS: ['HOSPITALISATION'], CNOPS: ['HOSPITALISATION', 'DENTAL'] },
  whenOrganismUnknown: 'REQUIRED_IF_ANY_ORGANISM',
};

describe('priorApprovalRequired (R11)', () => {
  it.each<{ name: string; careType: string; organism: string | null; config?: PriorApprovalConfig; expected: boolean }>([
    { name: 'hospitalisation at CNSS', careType: 'HOSPITALISATION', organism: 'CNSS', expected: true },
    { name: 'hospitalisation at CNOPS', careType: 'HOSPITALISATION', organism: 'CNOPS', expected: true },
    { name: 'a consultation never', careType: 'CONSULTATION', organism: 'CNSS', expected: false },
    { name: 'dental at CNOPS only', careType: 'DENTAL', organism: 'CNOPS', expected: true },
    { name: 'dental not at CNSS', careType: 'DENTAL', organism: 'CNSS', expected: false },
    { name: 'an organism without a list', careType: 'HOSPITALISATION', organism: 'OTHER', expected: false },
    { name: 'unknown organism, some OG asks', careType: 'DENTAL', organism: null, expected: true },
    { name: 'unknown organism, no OG asks', careType: 'PHARMACY', organism: null, expected: false },
    {
      name: 'unknown organism, policy NOT_REQUIRED',
      careType: 'HOSPITALISATION',
      organism: null,
      config: { ...CONFIG, whenOrganismUnknown: 'NOT_REQUIRED' },
      expected: false,
    },
  ])('$name', ({ careType, organism, config, expected }) => {
    expect(priorApprovalRequired(careType, organism, config ?? CONFIG)).toBe(expected);
  });
});

const APPROVAL: ApprovalFact = {
  organism: 'CNSS',
  careType: 'HOSPITALISATION',
  actCode: null,
  status: 'GRANTED',
  validFrom: '2026-02-15',
  validUntil: '2026-04-15',
};

describe('priorApprovalGranted', () => {
  it.each<{ name: string; approvals: ApprovalFact[]; careType: string; date: string; expected: boolean }>([
    { name: 'P11: granted, valid on the date', approvals: [APPROVAL], careType: 'HOSPITALISATION', date: '2026-03-02', expected: true },
    {
      name: 'only requested',
      approvals: [{ ...APPROVAL, status: 'REQUESTED' }],
      careType: 'HOSPITALISATION',
      date: '2026-03-02',
      expected: false,
    },
    { name: 'refused', approvals: [{ ...APPROVAL, status: 'REFUSED' }], careType: 'HOSPITALISATION', date: '2026-03-02', expected: false },
    { name: 'another care type', approvals: [APPROVAL], careType: 'IMAGING', date: '2026-03-02', expected: false },
    { name: 'after its end', approvals: [APPROVAL], careType: 'HOSPITALISATION', date: '2026-04-16', expected: false },
    { name: 'none', approvals: [], careType: 'HOSPITALISATION', date: '2026-03-02', expected: false },
  ])('$name', ({ approvals, careType, date, expected }) => {
    expect(priorApprovalGranted(approvals, careType, date)).toBe(expected);
  });
});

describe('organismOn', () => {
  const enrolment = {
    organism: 'CNSS',
    regime: 'AMO_SALARIES_PRIVE',
    regionCode: 'FME',
    pathologyCode: 'DIABETE_T2',
    referringDoctorInpe: 'ZZP00001',
    validFrom: '2024-01-01',
    validUntil: null,
  };
  const declaration = { doctorInpe: 'ZZP00001', organism: 'CNOPS', validFrom: '2024-01-01', validUntil: null };
  it.each<{ name: string; records: Parameters<typeof organismOn>[0]; expected: string | null }>([
    { name: 'nothing known', records: { enrolments: [], referringDoctors: [], approvals: [] }, expected: null },
    {
      name: 'from the enrolment first',
      records: { enrolments: [enrolment], referringDoctors: [declaration], approvals: [] },
      expected: 'CNSS',
    },
    {
      name: 'else from the declaration',
      records: { enrolments: [], referringDoctors: [declaration], approvals: [APPROVAL] },
      expected: 'CNOPS',
    },
    {
      name: 'else from an approval valid on the date',
      records: { enrolments: [], referringDoctors: [], approvals: [APPROVAL] },
      expected: 'CNSS',
    },
    {
      name: 'records not valid on the date say nothing',
      records: { enrolments: [{ ...enrolment, validUntil: '2025-01-01' }], referringDoctors: [], approvals: [] },
      expected: null,
    },
  ])('$name', ({ records, expected }) => {
    expect(organismOn(records, '2026-03-02')).toBe(expected);
  });
});
