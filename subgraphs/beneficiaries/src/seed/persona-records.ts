/**
 * Registry records behind the personas of test/fixtures/personas.json, and
 * the supporting persons they need. Synthetic: `ZZ` ids are no real CIN.
 */

/** One affiliation of a persona record. */
export interface PersonaAffiliation {
  organism: string;
  regime: string;
  role: 'INSURED' | 'SPOUSE' | 'CHILD';
  insuredNationalId?: string;
  memberNumber: string;
  validFrom: string;
  validUntil?: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
  suspensionReason?: string;
  student?: boolean;
  migrated?: boolean;
}

/** A persona's identity and affiliations; the name comes from personas.json unless given here. */
export interface PersonaRecord {
  nationalId: string;
  name?: string;
  birthDate: string;
  sex: 'F' | 'M';
  /** Region code (the kit's list of the twelve regions); Casablanca-Settat unless given. */
  region?: string;
  affiliations: PersonaAffiliation[];
}

/** The region of the personas that name none. */
export const PERSONA_DEFAULT_REGION = 'CSE';

const CNSS_PRIVE = { organism: 'CNSS', regime: 'AMO_SALARIES_PRIVE' } as const;
const CNOPS_PUBLIC = { organism: 'CNOPS', regime: 'AMO_SALARIES_PUBLIC' } as const;

/** Every persona's registry record (P02 is deliberately absent: NOT_FOUND). */
export const PERSONA_RECORDS: PersonaRecord[] = [
  {
    nationalId: 'ZZ000001',
    birthDate: '1985-04-12',
    sex: 'F',
    affiliations: [{ ...CNSS_PRIVE, role: 'INSURED', memberNumber: 'CNZZ00000001', validFrom: '2012-01-01', status: 'ACTIVE' }],
  },
  {
    nationalId: 'ZZ000003',
    birthDate: '1990-09-03',
    sex: 'F',
    affiliations: [
      { ...CNSS_PRIVE, role: 'INSURED', memberNumber: 'CNZZ00000003', validFrom: '2015-03-01', validUntil: '2025-06-30', status: 'CLOSED' },
    ],
  },
  {
    nationalId: 'ZZ000004',
    birthDate: '1978-02-20',
    sex: 'M',
    affiliations: [
      {
        organism: 'CNSS',
        regime: 'AMO_TNS',
        role: 'INSURED',
        memberNumber: 'CNZZ00000004',
        validFrom: '2021-06-01',
        status: 'SUSPENDED',
        suspensionReason: 'UNPAID_CONTRIBUTIONS',
      },
    ],
  },
  {
    nationalId: 'ZZ000005',
    birthDate: '1982-11-30',
    sex: 'F',
    affiliations: [
      { ...CNOPS_PUBLIC, role: 'INSURED', memberNumber: 'COZZ00000005', validFrom: '2010-09-01', status: 'ACTIVE', migrated: true },
      {
        organism: 'CNSS',
        regime: 'AMO_TNS',
        role: 'INSURED',
        memberNumber: 'CNZZ00000005',
        validFrom: '2022-01-01',
        status: 'ACTIVE',
        migrated: true,
      },
    ],
  },
  {
    nationalId: 'ZZ000006',
    birthDate: '1975-07-07',
    sex: 'M',
    affiliations: [{ ...CNSS_PRIVE, role: 'INSURED', memberNumber: 'CNZZ00000006', validFrom: '2008-01-01', status: 'ACTIVE' }],
  },
  {
    nationalId: 'ZZ000007',
    birthDate: '1968-05-15',
    sex: 'F',
    // The coordinated pathway pilot's region (seeds/001_225b0d72771d4c3f.txt:L602).
    region: 'FME',
    affiliations: [{ ...CNSS_PRIVE, role: 'INSURED', memberNumber: 'CNZZ00000007', validFrom: '2005-09-01', status: 'ACTIVE' }],
  },
  {
    nationalId: 'ZZ000018',
    name: 'Nadia Assuree',
    birthDate: '1981-03-09',
    sex: 'F',
    affiliations: [{ ...CNOPS_PUBLIC, role: 'INSURED', memberNumber: 'COZZ00000018', validFrom: '2009-10-01', status: 'ACTIVE' }],
  },
  {
    nationalId: 'ZZ000008',
    birthDate: '1980-01-25',
    sex: 'M',
    affiliations: [
      {
        ...CNOPS_PUBLIC,
        role: 'SPOUSE',
        insuredNationalId: 'ZZ000018',
        memberNumber: 'COZZ00000018',
        validFrom: '2014-06-01',
        status: 'ACTIVE',
      },
    ],
  },
  {
    nationalId: 'ZZ000009',
    birthDate: '2015-10-10',
    sex: 'F',
    affiliations: [
      {
        ...CNSS_PRIVE,
        role: 'CHILD',
        insuredNationalId: 'ZZ000001',
        memberNumber: 'CNZZ00000001',
        validFrom: '2015-10-10',
        status: 'ACTIVE',
      },
    ],
  },
  {
    nationalId: 'ZZ000010',
    birthDate: '1960-12-01',
    sex: 'M',
    affiliations: [{ ...CNSS_PRIVE, role: 'INSURED', memberNumber: 'CNZZ00000010', validFrom: '2006-01-01', status: 'ACTIVE' }],
  },
  {
    nationalId: 'ZZ000011',
    birthDate: '1972-08-19',
    sex: 'F',
    affiliations: [
      {
        organism: 'ANAM',
        regime: 'RAMED',
        role: 'INSURED',
        memberNumber: 'RAZZ00000011',
        validFrom: '2019-05-01',
        validUntil: '2022-11-30',
        status: 'CLOSED',
        migrated: true,
      },
      {
        organism: 'CNSS',
        regime: 'AMO_TADAMON',
        role: 'INSURED',
        memberNumber: 'CNZZ00000011',
        validFrom: '2022-12-01',
        status: 'ACTIVE',
        migrated: true,
      },
    ],
  },
  {
    nationalId: 'ZZ000012',
    birthDate: '1987-06-30',
    sex: 'M',
    affiliations: [
      { organism: 'CNSS', regime: 'AMO_TNS', role: 'INSURED', memberNumber: 'CNZZ00000012', validFrom: '2022-03-01', status: 'ACTIVE' },
    ],
  },
  {
    nationalId: 'ZZ000013',
    birthDate: '2004-02-14',
    sex: 'F',
    affiliations: [
      {
        ...CNSS_PRIVE,
        role: 'CHILD',
        insuredNationalId: 'ZZ000001',
        memberNumber: 'CNZZ00000001',
        validFrom: '2004-02-14',
        validUntil: '2023-09-30',
        status: 'CLOSED',
      },
      {
        organism: 'CNOPS',
        regime: 'AMO_ETUDIANTS',
        role: 'INSURED',
        memberNumber: 'COZZ00000013',
        validFrom: '2023-10-01',
        status: 'ACTIVE',
      },
    ],
  },
  {
    nationalId: 'ZZ000014',
    birthDate: '2002-11-05',
    sex: 'M',
    affiliations: [
      {
        ...CNSS_PRIVE,
        role: 'CHILD',
        insuredNationalId: 'ZZ000001',
        memberNumber: 'CNZZ00000001',
        validFrom: '2002-11-05',
        status: 'ACTIVE',
      },
    ],
  },
  {
    // A change of OG: CNOPS rights closed on 2026-02-27, CNSS rights opened the next day.
    nationalId: 'ZZ000015',
    birthDate: '1987-07-19',
    sex: 'F',
    affiliations: [
      {
        ...CNOPS_PUBLIC,
        role: 'INSURED',
        memberNumber: 'COZZ00000015',
        validFrom: '2011-09-01',
        validUntil: '2026-02-27',
        status: 'CLOSED',
      },
      { ...CNSS_PRIVE, role: 'INSURED', memberNumber: 'CNZZ00000015', validFrom: '2026-02-28', status: 'ACTIVE' },
    ],
  },
  {
    // Open at CNOPS and suspended at CNSS on the same date: legacy data the write path would refuse.
    nationalId: 'ZZ000016',
    birthDate: '1975-01-08',
    sex: 'M',
    affiliations: [
      { ...CNOPS_PUBLIC, role: 'INSURED', memberNumber: 'COZZ00000016', validFrom: '2009-02-01', status: 'ACTIVE', migrated: true },
      {
        organism: 'CNSS',
        regime: 'AMO_TNS',
        role: 'INSURED',
        memberNumber: 'CNZZ00000016',
        validFrom: '2022-05-01',
        status: 'SUSPENDED',
        suspensionReason: 'UNPAID_CONTRIBUTIONS',
        migrated: true,
      },
    ],
  },
  {
    // Rights that open after the day of care of the personas (2026-03-02).
    nationalId: 'ZZ000017',
    birthDate: '1999-12-02',
    sex: 'F',
    affiliations: [{ ...CNSS_PRIVE, role: 'INSURED', memberNumber: 'CNZZ00000017', validFrom: '2026-04-01', status: 'ACTIVE' }],
  },
  {
    nationalId: 'ZZ000019',
    birthDate: '1980-06-25',
    sex: 'M',
    affiliations: [{ ...CNOPS_PUBLIC, role: 'INSURED', memberNumber: 'COZZ00000019', validFrom: '2007-01-01', status: 'ACTIVE' }],
  },
];
