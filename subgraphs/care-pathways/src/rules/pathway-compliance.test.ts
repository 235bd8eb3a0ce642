import { describe, expect, it } from 'vitest';
import type {
  EnrolmentFact,
  ExceptionFact,
  PathwayCareFacts,
  PathwayCompliance,
  PcsActivation,
  PcsConfig,
  ReferralFact,
  ReferringDoctorFact,
} from './facts';
import { pathwayCompliance, referringDoctorOn } from './pathway-compliance';

/** The pilot of seeds/001_225b0d72771d4c3f.txt:L602: diabetes, CNSS, Fès-Meknès. */
const PILOT: PcsActivation = {
  organism: 'CNSS',
  regimes: null,
  region: 'FME',
  pathologies: ['DIABETE_T1', 'DIABETE_T2'],
  validFrom: '2024-01-01',
  validUntil: null,
  penalty: null,
};
const CONFIG: PcsConfig = {
  activations: [PILOT],
  careTypesSubject: ['SPECIALIST_CONSULTATION', 'IMAGING'],
  defaultPenalty: 'REFUSE',
};

const ENROLMENT: EnrolmentFact = {
  organism: 'CNSS',
  regime: 'AMO_SALARIES_PRIVE',
  regionCode: 'FME',
  pathologyCode: 'DIABETE_T2',
  referringDoctorInpe: 'ZZP00001',
  validFrom: '2024-01-01',
  validUntil: null,
};
const DECLARED: ReferringDoctorFact = { doctorInpe: 'ZZP00001', organism: 'CNSS', validFrom: '2024-01-01', validUntil: null };
const REFERRAL_TO_SPECIALTY: ReferralFact = {
  fromInpe: 'ZZP00001',
  toSpecialty: 'ENDOCRINOLOGIE',
  toInpe: null,
  issuedOn: '2026-02-01',
  validUntil: '2026-05-01',
};
const REFERRAL_TO_ZZP00003: ReferralFact = { ...REFERRAL_TO_SPECIALTY, toInpe: 'ZZP00003' };
const EXCEPTION: ExceptionFact = { kind: 'AUTHORISED_EXCEPTION', validFrom: '2026-03-01', validUntil: '2026-03-31' };

/** P07 Ghita: enrolled, no referral, no exception, seen by specialist ZZP00003. */
const P07: PathwayCareFacts = {
  careDate: '2026-03-02',
  careType: 'SPECIALIST_CONSULTATION',
  providerInpe: 'ZZP00003',
  referringDoctors: [DECLARED],
  enrolments: [ENROLMENT],
  referrals: [],
  exceptions: [],
};

const applies = (
  compliant: boolean,
  basis: PathwayCompliance['basis'],
  penalty: PathwayCompliance['penalty'] = 'REFUSE',
): PathwayCompliance => ({ pcsApplies: true, compliant, penalty, basis });
const notApplicable: PathwayCompliance = { pcsApplies: false, compliant: true, penalty: 'REFUSE', basis: 'NOT_APPLICABLE' };

describe('pathwayCompliance (R8)', () => {
  it.each<{ name: string; facts: PathwayCareFacts; config?: PcsConfig; expected: PathwayCompliance }>([
    { name: 'P07: specialist without referral is out of pathway', facts: P07, expected: applies(false, 'NONE') },
    {
      name: 'care by the referring doctor himself complies',
      facts: { ...P07, providerInpe: 'ZZP00001' },
      expected: applies(true, 'REFERRING_DOCTOR'),
    },
    {
      name: 'care by a newly declared referring doctor complies',
      facts: {
        ...P07,
        providerInpe: 'ZZP00009',
        referringDoctors: [DECLARED, { ...DECLARED, doctorInpe: 'ZZP00009', validFrom: '2026-01-01' }],
      },
      expected: applies(true, 'REFERRING_DOCTOR'),
    },
    {
      name: 'a referral to a specialty lets any specialist comply',
      facts: { ...P07, referrals: [REFERRAL_TO_SPECIALTY] },
      expected: applies(true, 'REFERRAL'),
    },
    {
      name: 'a referral naming the provider complies',
      facts: { ...P07, referrals: [REFERRAL_TO_ZZP00003] },
      expected: applies(true, 'REFERRAL'),
    },
    {
      name: 'a referral naming another provider does not',
      facts: { ...P07, referrals: [{ ...REFERRAL_TO_ZZP00003, toInpe: 'ZZP00005' }] },
      expected: applies(false, 'NONE'),
    },
    {
      name: 'an expired referral does not',
      facts: { ...P07, referrals: [{ ...REFERRAL_TO_SPECIALTY, validUntil: '2026-03-01' }] },
      expected: applies(false, 'NONE'),
    },
    {
      name: 'a referral issued after the care does not',
      facts: { ...P07, referrals: [{ ...REFERRAL_TO_SPECIALTY, issuedOn: '2026-03-03' }] },
      expected: applies(false, 'NONE'),
    },
    {
      name: 'an authorised exception valid on the date complies',
      facts: { ...P07, exceptions: [EXCEPTION] },
      expected: applies(true, 'EXCEPTION'),
    },
    {
      name: 'an out-of-PCS case valid on the date complies',
      facts: { ...P07, exceptions: [{ ...EXCEPTION, kind: 'OUT_OF_PCS_CASE' }] },
      expected: applies(true, 'EXCEPTION'),
    },
    {
      name: 'an exception that ended does not',
      facts: { ...P07, exceptions: [{ ...EXCEPTION, validUntil: '2026-03-01' }] },
      expected: applies(false, 'NONE'),
    },
    { name: 'imaging is subject to the pathway', facts: { ...P07, careType: 'IMAGING' }, expected: applies(false, 'NONE') },
    { name: 'pharmacy is never subject', facts: { ...P07, careType: 'PHARMACY' }, expected: notApplicable },
    { name: 'emergencies are never subject', facts: { ...P07, careType: 'EMERGENCY' }, expected: notApplicable },
    { name: 'no enrolment, no pathway (P10)', facts: { ...P07, enrolments: [] }, expected: notApplicable },
    {
      name: 'enrolment outside the active region',
      facts: { ...P07, enrolments: [{ ...ENROLMENT, regionCode: 'CSE' }] },
      expected: notApplicable,
    },
    {
      name: 'enrolment at a non-activated organism',
      facts: { ...P07, enrolments: [{ ...ENROLMENT, organism: 'CNOPS' }] },
      expected: notApplicable,
    },
    {
      name: 'enrolment for a non-activated pathology',
      facts: { ...P07, enrolments: [{ ...ENROLMENT, pathologyCode: 'HTA_SEVERE' }] },
      expected: notApplicable,
    },
    {
      name: 'enrolment that ended before the care',
      facts: { ...P07, enrolments: [{ ...ENROLMENT, validUntil: '2025-12-31' }] },
      expected: notApplicable,
    },
    {
      name: 'enrolment starting after the care',
      facts: { ...P07, enrolments: [{ ...ENROLMENT, validFrom: '2026-04-01' }] },
      expected: notApplicable,
    },
    { name: 'care before the activation starts', facts: { ...P07, careDate: '2023-12-31' }, expected: notApplicable },
    {
      name: 'activation limited to other regimes',
      facts: P07,
      config: { ...CONFIG, activations: [{ ...PILOT, regimes: ['AMO_TNS'] }] },
      expected: notApplicable,
    },
    {
      name: "the activation's own penalty wins over the default",
      facts: P07,
      config: { ...CONFIG, activations: [{ ...PILOT, penalty: 'WARN' }] },
      expected: applies(false, 'NONE', 'WARN'),
    },
    {
      name: 'the default penalty is configuration',
      facts: P07,
      config: { ...CONFIG, defaultPenalty: 'REDUCE' },
      expected: applies(false, 'NONE', 'REDUCE'),
    },
  ])('$name', ({ facts, config, expected }) => {
    expect(pathwayCompliance(facts, config ?? CONFIG)).toEqual(expected);
  });
});

describe('referringDoctorOn', () => {
  it.each<{ name: string; declarations: ReferringDoctorFact[]; enrolments: EnrolmentFact[]; expected: string | null }>([
    { name: 'none declared', declarations: [], enrolments: [], expected: null },
    { name: 'the declaration valid on the date', declarations: [DECLARED], enrolments: [], expected: 'ZZP00001' },
    {
      name: 'the newest of two valid declarations',
      declarations: [DECLARED, { ...DECLARED, doctorInpe: 'ZZP00009', validFrom: '2025-06-01' }],
      enrolments: [],
      expected: 'ZZP00009',
    },
    { name: 'an ended declaration is ignored', declarations: [{ ...DECLARED, validUntil: '2025-12-31' }], enrolments: [], expected: null },
    {
      name: "else the enrolment's doctor",
      declarations: [],
      enrolments: [{ ...ENROLMENT, referringDoctorInpe: 'ZZP00007' }],
      expected: 'ZZP00007',
    },
  ])('$name', ({ declarations, enrolments, expected }) => {
    expect(referringDoctorOn(declarations, enrolments, '2026-03-02')).toBe(expected);
  });
});
