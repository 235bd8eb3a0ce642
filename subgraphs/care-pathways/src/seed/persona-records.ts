/**
 * Pathway records behind the personas of test/fixtures/personas.json
 * (domain.md §9). Synthetic: `ZZ` ids are no real CIN, `ZZP` codes no real
 * INPE. Persons are keyed by national id here only to derive the shared
 * opaque `personRef`; no national id is stored by this subgraph.
 */

/** A referring-doctor declaration of a persona. */
export interface PersonaReferringDoctor {
  doctorInpe: string;
  organism: string;
  validFrom: string;
  validUntil?: string;
}

/** A long-term illness of a persona. */
export interface PersonaIllness {
  aldCode: string;
  validFrom: string;
  validUntil?: string;
}

/** A pathway (PCS) enrolment of a persona. */
export interface PersonaEnrolment {
  organism: string;
  regime: string;
  regionCode: string;
  pathologyCode: string;
  referringDoctorInpe: string;
  validFrom: string;
  validUntil?: string;
}

/** A prior approval of a persona. */
export interface PersonaApproval {
  organism: string;
  careType: string;
  actCode?: string;
  status: 'REQUESTED' | 'GRANTED' | 'REFUSED';
  validFrom: string;
  validUntil?: string;
}

/** Everything this subgraph holds for one persona. */
export interface PathwayPersonaRecord {
  /** Persona id of personas.json, for readers. */
  persona: string;
  nationalId: string;
  referringDoctors?: PersonaReferringDoctor[];
  illnesses?: PersonaIllness[];
  enrolments?: PersonaEnrolment[];
  approvals?: PersonaApproval[];
}

/** The personas with pathway data; the others have none here. */
export const PATHWAY_PERSONA_RECORDS: PathwayPersonaRecord[] = [
  // P01 Amal: a declared referring doctor, nothing else.
  { persona: 'P01', nationalId: 'ZZ000001', referringDoctors: [{ doctorInpe: 'ZZP00001', organism: 'CNSS', validFrom: '2020-01-01' }] },
  // P07 Ghita: diabetic, enrolled in the Fès-Meknès CNSS pilot, no referral and no exception: a specialist visit is out of pathway (R8).
  {
    persona: 'P07',
    nationalId: 'ZZ000007',
    referringDoctors: [{ doctorInpe: 'ZZP00001', organism: 'CNSS', validFrom: '2024-01-01' }],
    illnesses: [{ aldCode: 'DIABETE_T2', validFrom: '2020-01-01', validUntil: '2027-12-31' }],
    enrolments: [
      {
        organism: 'CNSS',
        regime: 'AMO_SALARIES_PRIVE',
        regionCode: 'FME',
        pathologyCode: 'DIABETE_T2',
        referringDoctorInpe: 'ZZP00001',
        validFrom: '2024-01-01',
      },
    ],
  },
  // P10 Jamal: diabetes exemption to 2026-12-31 (R9), lives in Casablanca-Settat, so no pathway enrolment.
  {
    persona: 'P10',
    nationalId: 'ZZ000010',
    referringDoctors: [{ doctorInpe: 'ZZP00001', organism: 'CNSS', validFrom: '2024-01-01' }],
    illnesses: [{ aldCode: 'DIABETE_T2', validFrom: '2024-01-01', validUntil: '2026-12-31' }],
  },
  // P11 Karima: a granted prior approval for a hospital stay at CNSS (R11).
  {
    persona: 'P11',
    nationalId: 'ZZ000011',
    approvals: [{ organism: 'CNSS', careType: 'HOSPITALISATION', status: 'GRANTED', validFrom: '2026-02-15', validUntil: '2026-04-15' }],
  },
];
